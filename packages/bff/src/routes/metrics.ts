/**
 * `GET /metrics`: the Prometheus exposition (observability/metrics.ts; the counting hooks are in
 * observability/register-observability.ts). It needs the bearer token `METRICS_TOKEN` when that is set;
 * without it, `/metrics` is open in development and test, and not served at all (404) under
 * `NODE_ENV=production`, where the counters would tell anyone how logins fail and how the process is doing.
 */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app-context';
import { checkBearer } from '../http/check-bearer';
import type { BffMetrics } from '../observability/metrics';

export function registerMetricsRoute(app: FastifyInstance, ctx: AppContext, metrics: BffMetrics): void {
  const { metricsToken, nodeEnv } = ctx.config;
  if (!metricsToken && nodeEnv === 'production') {
    app.log.info('GET /metrics is off: set METRICS_TOKEN to serve it in production');
    return;
  }
  app.get('/metrics', async (request, reply) => {
    if (metricsToken) checkBearer(request, reply, metricsToken);
    return reply
      .header('cache-control', 'no-store')
      .type(metrics.registry.contentType)
      .send(await metrics.render());
  });
}
