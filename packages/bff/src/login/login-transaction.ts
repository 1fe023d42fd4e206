/**
 * Login transactions (SECURITY.md endpoint contract, "Protocol checks"):
 * - `{nonce, codeVerifier, returnTo, scopes}` live in the store under the hash of a fresh `state`; the
 *   returnTo never travels in `state`;
 * - the browser is bound by a random value in the login cookie whose hash the transaction holds; one value
 *   per browser, so several tabs can log in at once, capped at `LOGIN_MAX_PER_BROWSER` live transactions;
 * - consumption is atomic and single use; a transaction bound to another browser is refused and kept.
 */
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../app-context';
import { computeCodeChallenge, createToken, hashToken, isTokenShaped } from '../crypto/tokens';
import { BffServerError } from '../errors';
import { readCookie, serializeCookie, serializeCookieDeletion } from '../http/cookies';

const TransactionPayload = z.object({
  nonce: z.string(),
  codeVerifier: z.string(),
  returnTo: z.string(),
  scopes: z.array(z.string()),
});
export type TransactionPayload = z.infer<typeof TransactionPayload>;

/** Create a transaction; answers the sgID URL and the `Set-Cookie` binding this browser to it. */
export async function startLogin(
  ctx: AppContext,
  request: FastifyRequest,
  returnTo: string,
): Promise<{ url: string; cookie: string }> {
  const { transaction: settings } = ctx.config;
  const existing = readCookie(request.headers.cookie, settings.cookieName);
  const binding = existing && isTokenShaped(existing) ? existing : createToken(ctx.random);
  const state = createToken(ctx.random);
  const nonce = createToken(ctx.random);
  const codeVerifier = createToken(ctx.random);
  const now = ctx.clock();
  const payload: TransactionPayload = { nonce, codeVerifier, returnTo, scopes: [...ctx.config.sgid.scopes] };
  await ctx.store.createTransaction(
    {
      stateHash: hashToken(state),
      bindingHash: hashToken(binding),
      payload: JSON.stringify(payload),
      createdAt: now,
      expiresAt: now + settings.ttlMs,
    },
    settings.maxPerBrowser,
  );
  ctx.events.loginStarted();
  const url = ctx.provider.buildAuthorizationUrl({
    state,
    nonce,
    codeChallenge: computeCodeChallenge(codeVerifier),
  });
  const cookie = serializeCookie(settings.cookieName, binding, {
    sameSite: 'lax',
    maxAge: Math.floor(settings.ttlMs / 1000),
  });
  return { url, cookie };
}

/**
 * Take the transaction for `state` if this browser owns it. Answers the payload and the `Set-Cookie` to
 * send (the login cookie is cleared once no other login of this browser is pending), with the binding
 * and the transaction's expiry for the callback receipt (callback-receipt.ts).
 */
export async function consumeLogin(
  ctx: AppContext,
  request: FastifyRequest,
  state: string,
): Promise<{ payload: TransactionPayload; cookies: string[]; binding: string; expiresAt: number }> {
  const { cookieName } = ctx.config.transaction;
  if (!isTokenShaped(state))
    throw new BffServerError('BFF_LOGIN_EXPIRED', { detail: 'state is not one of ours' });
  const binding = readCookie(request.headers.cookie, cookieName);
  const bindingHash = binding && isTokenShaped(binding) ? hashToken(binding) : '';
  const result = await ctx.store.consumeTransaction(hashToken(state), bindingHash, ctx.clock());
  if (result.status === 'missing')
    throw new BffServerError('BFF_LOGIN_EXPIRED', { detail: 'no live transaction for this state' });
  if (result.status === 'binding-mismatch')
    throw new BffServerError('BFF_TRANSACTION_BINDING_MISMATCH', {
      detail: binding ? 'login cookie does not match' : 'login cookie missing',
    });
  const payload = TransactionPayload.parse(JSON.parse(result.transaction.payload));
  const cookies = result.remainingForBrowser === 0 ? [serializeCookieDeletion(cookieName)] : [];
  return { payload, cookies, binding: binding ?? '', expiresAt: result.transaction.expiresAt };
}
