/** Operations endpoints: liveness and readiness (the store answers). No personal data. */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app-context';

export function registerHealthRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async () => {
    await ctx.store.ping();
    return { status: 'ready', store: ctx.store.kind };
  });
}
