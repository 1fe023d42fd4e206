/**
 * `GET /auth/callback`: sgID's redirect back. Order matters:
 * 1. `?error=` → a friendly page, never a login. A decline (`access_denied`) of this browser's own login goes
 *    back to the app at `returnTo` with `?login=declined` when the BFF serves the SPA (the app says so
 *    in its own words and offers to try again), else to the BFF's own "You declined" page;
 * 2. the transaction for `state` must be live, unconsumed and bound to this browser (consumed atomically);
 * 3. code exchange, ID token and userinfo checks, decryption and parsing (provider-client.ts);
 * 4. a new session replaces any previous one; back to the stored `returnTo`.
 * Every failure after step 2 offers "Try again", which starts a fresh login to the same `returnTo`.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../app-context';
import { BffError } from '../errors';
import { checkRateLimit } from '../http/check-rate-limit';
import { readCookie, serializeCookie } from '../http/cookies';
import { sendError } from '../http/send-error';
import { consumeLogin } from '../login/login-transaction';
import { describeDevice } from '../session/describe-device';
import { startSession } from '../session/start-session';

const CallbackQuery = z.object({
  code: z.string().min(1).max(4096).optional(),
  state: z.string().min(1).max(512).optional(),
  error: z.string().max(256).optional(),
  error_description: z.string().max(2048).optional(),
});

const retryHrefFor = (returnTo: string) => `/auth/login?returnTo=${encodeURIComponent(returnTo)}`;

export function registerCallbackRoute(app: FastifyInstance, ctx: AppContext): void {
  app.get('/auth/callback', async (request, reply) => {
    let returnTo = '/';
    try {
      const query = CallbackQuery.safeParse(request.query);
      if (!query.success) throw new BffError('BFF_CALLBACK_INVALID', { detail: 'callback query shape' });
      await checkRateLimit(ctx, request, 'callback');
      const { code, state, error } = query.data;
      if (error !== undefined) {
        const abandoned = state ? await abandonLogin(ctx, request, reply, state) : undefined;
        returnTo = abandoned ?? '/';
        if (error === 'access_denied' && abandoned !== undefined && ctx.config.spaDir !== undefined) {
          return reply.redirect(withLoginOutcome(abandoned, 'declined'), 303);
        }
        // An error for no live login of this browser is a forged or stale link, not a provider failure.
        if (error !== 'access_denied' && abandoned === undefined)
          throw new BffError('BFF_LOGIN_EXPIRED', { detail: 'provider error with no live login' });
        throw new BffError(error === 'access_denied' ? 'BFF_LOGIN_DECLINED' : 'BFF_PROVIDER_ERROR', {
          detail: `provider redirected with error=${error.slice(0, 64)}`,
        });
      }
      if (!code || !state) throw new BffError('BFF_CALLBACK_INVALID', { detail: 'code or state missing' });
      const { payload, cookies } = await consumeLogin(ctx, request, state);
      returnTo = payload.returnTo;
      if (cookies.length > 0) reply.header('set-cookie', cookies);
      const identity = await ctx.provider.completeLogin({ code, ...payload });
      const previous = readCookie(request.headers.cookie, ctx.config.session.cookieName);
      const sessionId = await startSession(ctx, identity, previous, {
        device: describeDevice(request.headers['user-agent']),
      });
      reply.header(
        'set-cookie',
        serializeCookie(ctx.config.session.cookieName, sessionId, { sameSite: ctx.config.session.sameSite }),
      );
      return reply.redirect(payload.returnTo, 302);
    } catch (error) {
      return sendError(request, reply, error, ctx.random, { retryHref: retryHrefFor(returnTo) });
    }
  });
}

/**
 * On `?error=`: drop the transaction and recover its returnTo — only when it is a live login of this
 * browser; `undefined` otherwise (so a forged `?error=&state=` cannot steer anyone anywhere).
 */
async function abandonLogin(
  ctx: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
  state: string,
): Promise<string | undefined> {
  try {
    const { payload, cookies } = await consumeLogin(ctx, request, state);
    if (cookies.length > 0) reply.header('set-cookie', cookies);
    return payload.returnTo;
  } catch {
    return undefined;
  }
}

/** `returnTo` (a checked local path) with `login=<outcome>` added to its query. */
function withLoginOutcome(returnTo: string, outcome: string): string {
  const url = new URL(returnTo, 'http://local.invalid');
  url.searchParams.set('login', outcome);
  return `${url.pathname}${url.search}${url.hash}`;
}
