/**
 * The session a fetch needs (`/api/*`, `/auth/sessions*`): CSRF rules first, then a live session or a
 * JSON 401 (never a redirect: a fetch cannot follow one to sgID). A dead or malformed cookie is cleared.
 * Using an API is activity when the caller says so: the idle timer moves like `GET /auth/session` moves
 * it (session-cookie.ts). Nothing is cached: a logout or revocation on any instance is effective on the
 * next request everywhere.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../app-context';
import { BffServerError } from '../errors';
import { checkCsrf } from '../http/check-csrf';
import type { StoredSession } from '../store/store';
import { loadSession } from './session-cookie';

export interface CurrentSession {
  readonly session: StoredSession;
  /** Wall time of this request, per the injected clock. */
  readonly now: number;
}

export async function requireSession(
  ctx: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
  options: { extendIdle: boolean },
): Promise<CurrentSession> {
  checkCsrf(request, ctx.config.publicOrigin);
  const found = await loadSession(ctx, request, options);
  if (found.status !== 'live' && found.setCookie !== undefined) reply.header('set-cookie', found.setCookie);
  if (found.status === 'malformed')
    throw new BffServerError('BFF_COOKIE_MALFORMED', { detail: 'session cookie is not an id we issue' });
  if (found.status === 'anonymous') throw new BffServerError('BFF_UNAUTHENTICATED', { detail: found.reason });
  return { session: found.session, now: found.now };
}
