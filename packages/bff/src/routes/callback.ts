/**
 * `GET /auth/callback/:provider`: each provider's redirect back (`GET /auth/callback` is sgID's, as
 * registered since the first release). Order matters:
 * 1. the route names an enabled provider (else `BFF_PROVIDER_UNKNOWN`), the query is well-formed, the rate
 *    limit allows it, and there is a `state`;
 * 2. the transaction for `state` must be live, unconsumed and bound to this browser (consumed
 *    atomically). Without one the callback is *unsolicited* (forged, stale, another browser's): a 4xx
 *    page, logged as a warning and counted as a rejected callback, never as a failed login — whatever
 *    `?error=` it carries, so nobody can make the BFF report a provider fault or steer a browser;
 * 3. mix-up defence (RFC 9700 §4.4): the transaction was started with the provider whose redirect URI
 *    this is, and an RFC 9207 `iss`, when present, is exactly the issuer it was started with — else
 *    `BFF_PROVIDER_MISMATCH`, the transaction consumed all the same;
 * 4. `?error=` is the person's answer or the provider's fault (read-provider-outcome.ts);
 * 5. the provider's `completeLogin`: code exchange, ID token and userinfo checks, decryption, parsing;
 * 6. a new session replaces any previous one; back to the stored `returnTo`.
 * A repeat of a finished callback by the same browser (same state and binding, or holding the session
 * it created) goes back to `returnTo` with that session and creates nothing (callback-receipt.ts).
 * Every failure after step 2 goes back to the app at `returnTo` with `?login=<outcome>&error=<code>
 * &requestId=<id>` when the BFF serves the SPA (the app says so in its own words, with "Try again"); else,
 * and for every failure before it, the BFF's own page, whose "Try again" starts a fresh login.
 */

import type { ProviderName } from '@sgid-bff/protocol';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../app-context';
import { BffServerError, isBffServerError } from '../errors';
import { checkTopLevelNavigation } from '../http/check-navigation';
import { checkRateLimit } from '../http/check-rate-limit';
import { reportFailure, sendError, toBffServerError } from '../http/send-error';
import { createReceiptWriter, findReplay } from '../login/callback-receipt';
import { consumeLogin } from '../login/login-transaction';
import { outcomeOf, readProviderOutcome } from '../login/read-provider-outcome';
import { noteProvider } from '../observability/tracing';
import type { LoginProvider } from '../providers/provider';
import { describeDevice } from '../session/describe-device';
import { sessionSetCookie } from '../session/session-cookie';
import { startSession } from '../session/start-session';

const CallbackQuery = z.object({
  code: z.string().min(1).max(4096).optional(),
  state: z.string().min(1).max(512).optional(),
  error: z.string().max(256).optional(),
  error_description: z.string().max(2048).optional(),
  /** RFC 9207: the issuer that sent this response, when the provider says. */
  iss: z.string().min(1).max(512).optional(),
});

/** Refusals that mean "no live login of this browser for this state". */
const UNSOLICITED = new Set(['BFF_LOGIN_EXPIRED', 'BFF_TRANSACTION_BINDING_MISMATCH']);

/** "Try again": a fresh login with the same provider (named only when it is not the default one). */
const retryHrefFor = (ctx: AppContext, returnTo: string, provider: string) => {
  const named = provider !== ctx.providers.default.name && ctx.providers.get(provider) !== undefined;
  return `/auth/login?${named ? `provider=${encodeURIComponent(provider)}&` : ''}returnTo=${encodeURIComponent(returnTo)}`;
};

export function registerCallbackRoute(app: FastifyInstance, ctx: AppContext): void {
  app.get('/auth/callback', (request, reply) => handleCallback(ctx, request, reply, 'sgid'));
  app.get<{ Params: { provider: string } }>('/auth/callback/:provider', (request, reply) =>
    handleCallback(ctx, request, reply, request.params.provider),
  );
}

/** The mix-up defence (step 3): the transaction's provider and issuer are this redirect URI's. */
function checkSameProvider(
  route: LoginProvider,
  taken: { provider: ProviderName; issuer: string | undefined },
  iss: string | undefined,
): void {
  if (taken.provider !== route.name)
    throw new BffServerError('BFF_PROVIDER_MISMATCH', {
      detail: `a ${taken.provider} login came back on the ${route.name} redirect URI`,
    });
  const issuer = taken.issuer ?? route.issuer;
  if (iss !== undefined && iss !== issuer)
    throw new BffServerError('BFF_PROVIDER_MISMATCH', {
      detail: `iss ${iss.slice(0, 128)} is not the login's issuer ${issuer}`,
    });
}

async function handleCallback(
  ctx: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
  routeProvider: string,
): Promise<FastifyReply> {
  // Known once this browser's live transaction is taken: from then on a failure goes back to the app.
  let returnTo: string | undefined;
  // What it turned out to be, for the counters: refused before taking a transaction of this browser
  // (forged, stale, another browser's: never a failed login), a login attempt, or a repeat.
  let kind: 'refused' | 'attempt' | 'replayed' = 'refused';
  try {
    const route = ctx.providers.get(routeProvider);
    if (route === undefined)
      throw new BffServerError('BFF_PROVIDER_UNKNOWN', {
        detail: `callback for provider ${routeProvider.slice(0, 64)}`,
      });
    noteProvider(route.name);
    const query = CallbackQuery.safeParse(request.query);
    if (!query.success) throw new BffServerError('BFF_CALLBACK_INVALID', { detail: 'callback query shape' });
    checkTopLevelNavigation(request, 'BFF_CALLBACK_NOT_NAVIGATION');
    await checkRateLimit(ctx, request, 'callback');
    const { code, state, error, error_description: description, iss } = query.data;
    if (!state || (error === undefined && !code))
      throw new BffServerError('BFF_CALLBACK_INVALID', { detail: 'code or state missing' });
    let taken: Awaited<ReturnType<typeof consumeLogin>>;
    try {
      taken = await consumeLogin(ctx, request, state);
    } catch (refusal) {
      const replay =
        isBffServerError(refusal) && refusal.code === 'BFF_LOGIN_EXPIRED'
          ? await findReplay(ctx, request, state)
          : undefined;
      if (replay === undefined) throw refusal;
      kind = 'replayed';
      ctx.events.callbackReplayed();
      returnTo = replay.returnTo;
      if (replay.kind === 'failed')
        throw new BffServerError(replay.code, { detail: 'repeat of a callback that failed' });
      if (replay.sessionId !== undefined)
        reply.header('set-cookie', sessionSetCookie(ctx.config.session, replay.sessionId));
      return reply.redirect(replay.returnTo, 302);
    }
    const { payload, cookies } = taken;
    kind = 'attempt';
    returnTo = payload.returnTo;
    if (cookies.length > 0) reply.header('set-cookie', cookies);
    const receipt = createReceiptWriter(ctx, state, taken.binding, taken.expiresAt);
    await receipt.pending();
    try {
      checkSameProvider(route, payload, iss);
      if (error !== undefined)
        throw new BffServerError(readProviderOutcome(error, description), {
          detail: `provider redirected with error=${error.slice(0, 64)}`,
        });
      const identity = await route.completeLogin({
        code: code ?? '',
        state,
        nonce: payload.nonce,
        codeVerifier: payload.codeVerifier,
        scopes: payload.scopes,
        providerData: payload.providerData,
      });
      const session = await startSession(ctx, request, identity, {
        device: describeDevice(request.headers['user-agent']),
      });
      await receipt.done(session.sessionId, payload.returnTo);
      ctx.events.loginSucceeded(route.name);
      return reply.header('set-cookie', session.cookie).redirect(payload.returnTo, 302);
    } catch (failure) {
      // A repeat of this callback (its answer lost) then tells the same failure, not "expired".
      await receipt.failed(toBffServerError(failure).code, payload.returnTo).catch(() => undefined);
      throw failure;
    }
  } catch (error) {
    const { code } = toBffServerError(error);
    // An attempt took a transaction on this route, so its provider is an enabled one.
    const provider = ctx.providers.get(routeProvider);
    if (kind === 'attempt' && provider !== undefined) ctx.events.loginFailed(code, provider.name);
    else if (kind === 'refused') ctx.events.callbackRejected(code);
    return answerFailure(ctx, request, reply, error, returnTo, routeProvider);
  }
}

/** Back to the app with the outcome when this was a live login and the SPA is ours; else our own page. */
function answerFailure(
  ctx: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
  error: unknown,
  returnTo: string | undefined,
  provider: string,
): FastifyReply {
  if (returnTo === undefined || ctx.config.spaDir === undefined) {
    const unsolicited = returnTo === undefined && isBffServerError(error) && UNSOLICITED.has(error.code);
    return sendError(request, reply, error, ctx.random, {
      retryHref: retryHrefFor(ctx, returnTo ?? '/', provider),
      refusalLevel: unsolicited ? 'warn' : 'info',
    });
  }
  const failure = reportFailure(request, error);
  return reply
    .header('cache-control', 'no-store')
    .redirect(withLoginOutcome(returnTo, failure, request.id), 303);
}

/** `returnTo` (a checked local path) with `login=<outcome>&error=<code>&requestId=<id>` in its query. */
function withLoginOutcome(returnTo: string, failure: BffServerError, requestId: string): string {
  const url = new URL(returnTo, 'http://local.invalid');
  url.searchParams.set('login', outcomeOf(failure.code));
  url.searchParams.set('error', failure.code);
  url.searchParams.set('requestId', requestId);
  return `${url.pathname}${url.search}${url.hash}`;
}
