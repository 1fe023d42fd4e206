/**
 * Operations endpoints, no personal data:
 * - `GET /healthz`: the process is up and serving (no dependency checked: a liveness probe must not
 *   restart healthy instances because Redis blinked);
 * - `GET /readyz`: the store answers a ping and every enabled provider is reachable (sgID's JWKS,
 *   Singpass's discovery document); 503 otherwise. The checks are
 *   cached and shared by concurrent probes (observability/health-checks.ts). `?provider=false` skips the
 *   sgID check for load balancers that should keep serving existing sessions and APIs while sgID is down.
 */

import { SGID_PATHS } from '@sgid-bff/protocol';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app-context';
import type { BffConfig } from '../config';
import { createHealthChecks } from '../observability/health-checks';
import type { BffMetrics } from '../observability/metrics';
import type { FetchLike } from '../providers/call-provider';

type Status = 'ok' | 'down';

export function registerHealthRoutes(
  app: FastifyInstance,
  ctx: AppContext,
  deps: { metrics: BffMetrics; fetch: FetchLike },
): void {
  const { metrics } = deps;
  const checks = createHealthChecks({
    store: ctx.store,
    providerUrls: probeUrlsOf(ctx.config),
    providerTimeoutMs: Math.min(
      ctx.config.sgid?.timeoutMs ?? Number.POSITIVE_INFINITY,
      ctx.config.singpass?.timeoutMs ?? Number.POSITIVE_INFINITY,
    ),
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

/** What answers 200 when each enabled provider is up. */
function probeUrlsOf(config: BffConfig): string[] {
  const urls: string[] = [];
  if (config.sgid) urls.push(`${config.sgid.origin}${SGID_PATHS.jwks}`);
  if (config.singpass) urls.push(`${config.singpass.issuer}/.well-known/openid-configuration`);
  return urls;
}
