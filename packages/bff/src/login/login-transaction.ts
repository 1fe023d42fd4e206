/**
 * Login transactions (SECURITY.md endpoint contract, "Protocol checks"):
 * - `{provider, issuer, nonce, codeVerifier, returnTo, scopes, providerData}` live in the store under the
 *   hash of a fresh `state`; the returnTo never travels in `state`; the provider's `providerData` is
 *   sealed under a key derived from `state` (crypto/seal-with-state.ts), which the store never holds;
 * - the provider's `beginLogin` runs first (it may call the provider: PAR), so a failed start leaves no
 *   transaction behind;
 * - the browser is bound by a random value in the login cookie whose hash the transaction holds; one value
 *   per browser, so several tabs can log in at once, capped at `LOGIN_MAX_PER_BROWSER` live transactions;
 * - consumption is atomic and single use; a transaction bound to another browser is refused and kept.
 */

import { PROVIDER_NAMES } from '@sgid-bff/protocol';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../app-context';
import { openWithState, sealWithState } from '../crypto/seal-with-state';
import { createToken, hashToken, isTokenShaped } from '../crypto/tokens';
import { BffServerError } from '../errors';
import { readCookie, serializeCookie, serializeCookieDeletion } from '../http/cookies';
import type { LoginProvider } from '../providers/provider';

/** As stored. Transactions written before providers had names (sgID only) read as sgID's. */
const StoredPayload = z.object({
  provider: z.enum(PROVIDER_NAMES).default('sgid'),
  /** Absent only in transactions written before providers had names: the provider's issuer then. */
  issuer: z.string().optional(),
  nonce: z.string(),
  codeVerifier: z.string(),
  returnTo: z.string(),
  scopes: z.array(z.string()),
  /** `providerData` sealed under `state` (crypto/seal-with-state.ts); absent when the provider had none. */
  sealedProviderData: z.string().optional(),
});
type StoredPayload = z.input<typeof StoredPayload>;

/** A consumed transaction, as the callback uses it. */
export interface TransactionPayload {
  readonly provider: (typeof PROVIDER_NAMES)[number];
  /** The issuer at login; undefined only for a transaction older than this field. */
  readonly issuer: string | undefined;
  readonly nonce: string;
  readonly codeVerifier: string;
  readonly returnTo: string;
  readonly scopes: string[];
  /** What the provider's `beginLogin` answered as `providerData`, opened; undefined when none. */
  readonly providerData: unknown;
}

/**
 * Start a login with `provider`: its `beginLogin` first (it may fail: nothing is stored then), then the
 * transaction; answers the provider's URL and the `Set-Cookie` binding this browser to it.
 */
export async function startLogin(
  ctx: AppContext,
  request: FastifyRequest,
  provider: LoginProvider,
  returnTo: string,
): Promise<{ url: string; cookie: string }> {
  const { transaction: settings } = ctx.config;
  const existing = readCookie(request.headers.cookie, settings.cookieName);
  const binding = existing && isTokenShaped(existing) ? existing : createToken(ctx.random);
  const state = createToken(ctx.random);
  const nonce = createToken(ctx.random);
  const codeVerifier = createToken(ctx.random);
  const { url, providerData } = await provider.beginLogin({ state, nonce, codeVerifier });
  const payload: StoredPayload = {
    provider: provider.name,
    issuer: provider.issuer,
    nonce,
    codeVerifier,
    returnTo,
    scopes: [...provider.scopes],
  };
  if (providerData !== undefined)
    payload.sealedProviderData = sealWithState(providerData, state, provider.name, ctx.random);
  const now = ctx.clock();
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
  const payload = openPayload(result.transaction.payload, state);
  const cookies = result.remainingForBrowser === 0 ? [serializeCookieDeletion(cookieName)] : [];
  return { payload, cookies, binding: binding ?? '', expiresAt: result.transaction.expiresAt };
}

function openPayload(json: string, state: string): TransactionPayload {
  const { sealedProviderData, ...stored } = StoredPayload.parse(JSON.parse(json));
  if (sealedProviderData === undefined) return { ...stored, issuer: stored.issuer, providerData: undefined };
  const opened = openWithState(sealedProviderData, state, stored.provider);
  // Only a changed store could do this: the state matched its hash, so the key is right.
  if (opened === undefined)
    throw new BffServerError('BFF_INTERNAL', { detail: 'providerData of the transaction does not open' });
  return { ...stored, issuer: stored.issuer, providerData: opened.value };
}
