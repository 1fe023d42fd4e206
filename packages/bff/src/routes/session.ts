/**
 * `GET /auth/session` — the hot path (polled by every open tab). CSRF header required; one store read;
 * the idle timer is extended unless `?extendIdle=false`, and only written when it would move by more than
 * a small step, so steady polling costs one indexed read, not a write per request.
 */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app-context';
import { hashToken, isTokenShaped } from '../crypto/tokens';
import { BffError } from '../errors';
import { checkCsrf } from '../http/check-csrf';
import { readCookie, serializeCookieDeletion } from '../http/cookies';
import { ANONYMOUS_JSON, renderSessionJson } from '../session/session-json';

export function registerSessionRoute(app: FastifyInstance, ctx: AppContext): void {
  const { publicOrigin, session: settings } = ctx.config;
  const touchStep = Math.min(60_000, Math.floor(settings.idleTimeoutMs / 10));

  app.get('/auth/session', async (request, reply) => {
    checkCsrf(request, publicOrigin);
    const extendIdle = readExtendIdle((request.query as Record<string, unknown>).extendIdle);
    reply.type('application/json; charset=utf-8');
    const id = readCookie(request.headers.cookie, settings.cookieName);
    if (id === undefined) return ANONYMOUS_JSON;
    if (!isTokenShaped(id)) {
      reply.header('set-cookie', serializeCookieDeletion(settings.cookieName));
      throw new BffError('BFF_COOKIE_MALFORMED', { detail: 'session cookie is not an id we issue' });
    }
    const idHash = hashToken(id);
    const now = ctx.clock();
    const stored = await ctx.store.readSession(idHash, now);
    if (!stored) {
      // Unknown or ended: anonymous, and stop the browser from sending a dead id.
      reply.header('set-cookie', serializeCookieDeletion(settings.cookieName));
      return ANONYMOUS_JSON;
    }
    let idleExpiresAt = stored.idleExpiresAt;
    if (extendIdle) {
      const wanted = Math.min(now + settings.idleTimeoutMs, stored.absoluteExpiresAt);
      if (wanted - idleExpiresAt >= touchStep) {
        if (!(await ctx.store.touchSession(idHash, wanted, now))) return ANONYMOUS_JSON;
        idleExpiresAt = wanted;
      }
    }
    return renderSessionJson(stored.payload, stored.absoluteExpiresAt, idleExpiresAt);
  });
}

function readExtendIdle(value: unknown): boolean {
  if (value === undefined || value === 'true') return true;
  if (value === 'false') return false;
  throw new BffError('BFF_BAD_REQUEST', { detail: 'extendIdle must be true or false' });
}
