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
  return requireSessionOf(ctx, request, { ...options, csrf: true }, (value) =>
    reply.header('set-cookie', value),
  );
}

/**
 * The same rules for any Node request (the host app's routes in the mounted form, mount/): only the
 * headers are read; a `Set-Cookie` clearing a dead cookie is handed to `setCookie`. `csrf: false` skips
 * the CSRF rules (the host's navigations, `requireSession({ csrf: 'unsafe-methods' })` on a GET).
 */
export async function requireSessionOf(
  ctx: AppContext,
  request: Pick<FastifyRequest, 'headers'>,
  options: { extendIdle: boolean; csrf: boolean },
  setCookie: (value: string) => void,
): Promise<CurrentSession> {
  if (options.csrf) checkCsrf(request, ctx.config.publicOrigin);
  const found = await loadSession(ctx, request, options);
  if (found.status !== 'live' && found.setCookie !== undefined) setCookie(found.setCookie);
  if (found.status === 'malformed')
    throw new BffServerError('BFF_COOKIE_MALFORMED', { detail: 'session cookie is not an id we issue' });
  if (found.status === 'anonymous') throw new BffServerError('BFF_UNAUTHENTICATED', { detail: found.reason });
  return { session: found.session, now: found.now };
}
