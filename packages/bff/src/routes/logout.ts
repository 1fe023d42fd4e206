/**
 * `POST /auth/logout`: destroys the server-side session, expires both cookies and asks the browser to
 * clear cookies and storage. A fetch (with `X-CSRF: 1`) gets 204; an HTML form post — which cannot send the
 * header — must come from our own Origin and gets 303 to `/`.
 */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app-context';
import { checkCsrf, checkSameOriginForm, hasCsrfHeader } from '../http/check-csrf';
import { serializeCookieDeletion } from '../http/cookies';
import type { IdentityTokenCache } from '../proxy/identity-token-cache';
import { clearSessionCookie, readSessionCookie } from '../session/session-cookie';

export function registerLogoutRoute(
  app: FastifyInstance,
  ctx: AppContext,
  identityTokens?: IdentityTokenCache,
): void {
  const { publicOrigin, session, transaction } = ctx.config;

  app.post('/auth/logout', async (request, reply) => {
    const isFetch = hasCsrfHeader(request);
    if (isFetch) checkCsrf(request, publicOrigin);
    else checkSameOriginForm(request, publicOrigin);
    const cookie = readSessionCookie(session, request);
    if (cookie.status === 'present') {
      await ctx.store.deleteSession(cookie.idHash);
      identityTokens?.forgetSession(cookie.idHash);
      ctx.events.sessionEnded('logout');
    }
    reply
      .header('set-cookie', [clearSessionCookie(session), serializeCookieDeletion(transaction.cookieName)])
      .header('clear-site-data', '"cookies", "storage"');
    if (isFetch) return reply.code(204).send();
    return reply.redirect('/', 303);
  });
}
