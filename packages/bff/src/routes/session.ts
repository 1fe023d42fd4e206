/**
 * `GET /auth/session` — the hot path (polled by every open tab). CSRF header required; one store read;
 * the idle timer is extended unless `?extendIdle=false`, and only written when it would move by more than
 * a small step, so steady polling costs one indexed read, not a write per request.
 */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app-context';
import { BffServerError } from '../errors';
import { checkCsrf } from '../http/check-csrf';
import { loadSession } from '../session/session-cookie';
import { ANONYMOUS_JSON, renderSessionJson } from '../session/session-json';

export function registerSessionRoute(app: FastifyInstance, ctx: AppContext): void {
  const { publicOrigin } = ctx.config;

  app.get('/auth/session', async (request, reply) => {
    checkCsrf(request, publicOrigin);
    const extendIdle = readExtendIdle((request.query as Record<string, unknown>).extendIdle);
    reply.type('application/json; charset=utf-8');
    const found = await loadSession(ctx, request, { extendIdle });
    if (found.status !== 'live' && found.setCookie !== undefined) reply.header('set-cookie', found.setCookie);
    if (found.status === 'malformed')
      throw new BffServerError('BFF_COOKIE_MALFORMED', { detail: 'session cookie is not an id we issue' });
    if (found.status === 'anonymous') return ANONYMOUS_JSON;
    const { payload, absoluteExpiresAt, idleExpiresAt } = found.session;
    return renderSessionJson(payload, absoluteExpiresAt, idleExpiresAt);
  });
}

function readExtendIdle(value: unknown): boolean {
  if (value === undefined || value === 'true') return true;
  if (value === 'false') return false;
  throw new BffServerError('BFF_BAD_REQUEST', { detail: 'extendIdle must be true or false' });
}
