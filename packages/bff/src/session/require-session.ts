/**
 * The session a fetch needs (`/api/*`, `/auth/sessions*`): CSRF rules first, then a live session or a
 * JSON 401 (never a redirect: a fetch cannot follow one to sgID). A dead or malformed cookie is cleared.
 * Using an API is activity: the idle timer moves like `GET /auth/session` moves it, in steps, so steady
 * traffic costs reads, not a write per request. Nothing is cached: a logout or revocation on any instance
 * is effective on the next request everywhere.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../app-context';
import { hashToken, isTokenShaped } from '../crypto/tokens';
import { BffError } from '../errors';
import { checkCsrf } from '../http/check-csrf';
import { readCookie, serializeCookieDeletion } from '../http/cookies';
import type { StoredSession } from '../store/store';

export interface CurrentSession {
  readonly session: StoredSession;
  /** Wall time of this request, per the injected clock. */
  readonly now: number;
}

export async function requireSession(
  ctx: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
  options: { extendIdle: boolean; onEndedCookie?: () => void },
): Promise<CurrentSession> {
  const { publicOrigin, session: settings } = ctx.config;
  checkCsrf(request, publicOrigin);
  const id = readCookie(request.headers.cookie, settings.cookieName);
  if (id === undefined) throw new BffError('BFF_UNAUTHENTICATED', { detail: 'no session cookie' });
  if (!isTokenShaped(id)) {
    reply.header('set-cookie', serializeCookieDeletion(settings.cookieName));
    throw new BffError('BFF_COOKIE_MALFORMED', { detail: 'session cookie is not an id we issue' });
  }
  const idHash = hashToken(id);
  const now = ctx.clock();
  const session = await ctx.store.readSession(idHash, now);
  if (!session) {
    options.onEndedCookie?.();
    reply.header('set-cookie', serializeCookieDeletion(settings.cookieName));
    throw new BffError('BFF_UNAUTHENTICATED', { detail: 'session ended or unknown' });
  }
  if (options.extendIdle) {
    const touchStep = Math.min(60_000, Math.floor(settings.idleTimeoutMs / 10));
    const wanted = Math.min(now + settings.idleTimeoutMs, session.absoluteExpiresAt);
    if (wanted - session.idleExpiresAt >= touchStep) {
      if (!(await ctx.store.touchSession(idHash, wanted, now)))
        throw new BffError('BFF_UNAUTHENTICATED', { detail: 'session ended during the request' });
      session.idleExpiresAt = wanted;
    }
  }
  return { session, now };
}
