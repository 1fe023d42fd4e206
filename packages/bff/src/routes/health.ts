/**
 * Operations endpoints, no personal data:
 * - `GET /healthz`: the process is up and serving (no dependency checked: a liveness probe must not
 *   restart healthy instances because Redis blinked);
 * - `GET /readyz`: the store answers a ping and sgID's JWKS is reachable; 503 otherwise. The checks are
 *   cached and shared by concurrent probes (observability/health-checks.ts). `?provider=false` skips the
 *   sgID check for load balancers that should keep serving existing sessions and APIs while sgID is down.
 */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app-context';
import { createHealthChecks } from '../observability/health-checks';
import type { BffMetrics } from '../observability/metrics';
import type { FetchLike } from '../provider/call-provider';

type Status = 'ok' | 'down';

export function registerHealthRoutes(
  app: FastifyInstance,
  ctx: AppContext,
  deps: { metrics: BffMetrics; fetch: FetchLike },
): void {
  const { metrics } = deps;
  const checks = createHealthChecks({
    store: ctx.store,
    providerOrigin: ctx.config.sgid.origin,
    providerTimeoutMs: ctx.config.sgid.timeoutMs,
    fetch: deps.fetch,
  });

  app.get('/healthz', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
    return { status: 'ok' };
  });

  app.get('/readyz', async (request, reply) => {
    const skipProvider = (request.query as Record<string, unknown>).provider === 'false';
    const [store, provider] = await Promise.all([
      checks.storeUp(),
      skipProvider ? true : checks.providerUp(),
    ]);
    metrics.ready.set({ check: 'store' }, store ? 1 : 0);
    if (!skipProvider) metrics.ready.set({ check: 'provider' }, provider ? 1 : 0);
    const results: Record<string, Status | 'skipped'> = {
      store: store ? 'ok' : 'down',
      provider: skipProvider ? 'skipped' : provider ? 'ok' : 'down',
    };
    const ready = store && provider;
    return reply
      .code(ready ? 200 : 503)
      .header('cache-control', 'no-store')
      .send({ status: ready ? 'ready' : 'not-ready', store: ctx.store.kind, checks: results });
  });
}
