/**
 * `GET /auth/providers`: which identity providers this BFF has enabled, and the default, so an SPA can
 * show one login button per provider without its own copy of the configuration. CSRF header required
 * like every non-navigation endpoint; nothing secret (names only), answered from memory.
 */
import type { ProvidersResponse } from '@sgid-bff/protocol';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app-context';
import { checkCsrf } from '../http/check-csrf';

export function registerProvidersRoute(app: FastifyInstance, ctx: AppContext): void {
  const { publicOrigin } = ctx.config;
  const body: ProvidersResponse = {
    providers: [...ctx.providers.enabled],
    default: ctx.providers.default.name,
  };
  const json = JSON.stringify(body);
  app.get('/auth/providers', async (request, reply) => {
    checkCsrf(request, publicOrigin);
    return reply.type('application/json; charset=utf-8').header('cache-control', 'no-store').send(json);
  });
}
