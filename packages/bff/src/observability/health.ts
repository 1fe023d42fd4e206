/**
 * Operations endpoints, no personal data:
 * - `GET /healthz`: the process is up and serving (no dependency checked: a liveness probe must not
 *   restart healthy instances because Redis blinked);
 * - `GET /readyz`: the store answers a ping and sgID's JWKS is reachable; 503 otherwise. Results are
 *   cached (store 1 s, provider 15 s when up and 2 s when down) and concurrent probes share one check,
 *   so probes from many instances never hammer Redis or sgID. `?provider=false` skips the sgID check for
 *   load balancers that should keep serving existing sessions and APIs while sgID is down.
 */
import { SGID_PATHS } from '@sgid-bff/protocol';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app-context';
import type { FetchLike } from '../provider/call-provider';
import type { BffMetrics } from './metrics';

const STORE_CACHE_MS = 1000;
const PROVIDER_UP_CACHE_MS = 15_000;
const PROVIDER_DOWN_CACHE_MS = 2000;
const PROVIDER_CHECK_TIMEOUT_MS = 2000;

type Status = 'ok' | 'down';

/** A check whose result is reused for a while and shared by concurrent callers. */
function cached(check: () => Promise<boolean>, ttl: (ok: boolean) => number, now: () => number) {
  let last: { ok: boolean; at: number } | undefined;
  let running: Promise<boolean> | undefined;
  return async (): Promise<boolean> => {
    if (last && now() - last.at < ttl(last.ok)) return last.ok;
    running ??= check()
      .catch(() => false)
      .then((ok) => {
        last = { ok, at: now() };
        running = undefined;
        return ok;
      });
    return running;
  };
}

export function registerHealthRoutes(
  app: FastifyInstance,
  ctx: AppContext,
  deps: { metrics: BffMetrics; fetch: FetchLike },
): void {
  // Real time, not the injected clock: caching is about wall-clock load, and fake clocks stand still.
  const now = () => performance.now();
  const storeUp = cached(
    async () => {
      await ctx.store.ping();
      return true;
    },
    () => STORE_CACHE_MS,
    now,
  );
  const providerUp = cached(
    async () => {
      const timeout = Math.min(ctx.config.sgid.timeoutMs, PROVIDER_CHECK_TIMEOUT_MS);
      const response = await deps.fetch(`${ctx.config.sgid.origin}${SGID_PATHS.jwks}`, {
        signal: AbortSignal.timeout(timeout),
        redirect: 'manual',
      });
      await response.arrayBuffer();
      return response.status === 200;
    },
    (ok) => (ok ? PROVIDER_UP_CACHE_MS : PROVIDER_DOWN_CACHE_MS),
    now,
  );

  app.get('/healthz', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
    return { status: 'ok' };
  });

  app.get('/readyz', async (request, reply) => {
    const skipProvider = (request.query as Record<string, unknown>).provider === 'false';
    const [store, provider] = await Promise.all([storeUp(), skipProvider ? true : providerUp()]);
    deps.metrics.ready.set({ check: 'store' }, store ? 1 : 0);
    if (!skipProvider) deps.metrics.ready.set({ check: 'provider' }, provider ? 1 : 0);
    const checks: Record<string, Status | 'skipped'> = {
      store: store ? 'ok' : 'down',
      provider: skipProvider ? 'skipped' : provider ? 'ok' : 'down',
    };
    const ready = store && provider;
    return reply
      .code(ready ? 200 : 503)
      .header('cache-control', 'no-store')
      .send({ status: ready ? 'ready' : 'not-ready', store: ctx.store.kind, checks });
  });
}
