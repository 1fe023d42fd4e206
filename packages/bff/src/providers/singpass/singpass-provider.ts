/**
 * The BFF's Singpass (FAPI 2.0) relying party: `beginLogin` pushes the request and answers the browser's
 * URL; `completeLogin` is linear — token, ID token, userinfo for Myinfo apps — each step a small module
 * with narrow options. The protocol is SINGPASS-CORPPASS-FAPI.md §4; the RP's duties are its §6, each
 * enforced in the module named beside it:
 * 1. per-login DPoP key, kept in `providerData` only                          → `dpop.ts`
 * 3. fresh assertion and proof `jti`s, `aud` = issuer, `exp` = `iat` + 60     → `client-assertion.ts`, `dpop.ts`
 *    one retry on `use_dpop_nonce`                                            → `call-with-dpop.ts`
 * 4. issuer exact in discovery and ID token; the code only to its token endpoint → `discovery.ts`
 * 5. JWE only, allowlisted, by `kid`; ES256; claims with the injected clock  → `decrypt-jwe.ts`, `verify-id-token.ts`
 * 8. discovery and Singpass JWKS cached ≥ 1 h                                 → `discovery.ts`, `op-keys.ts`
 * Why jose and not openid-client: docs/decisions/0002-singpass-fapi-on-jose.md.
 *
 * The shared layer owns state, nonce and verifier, the transaction, the callback's `state`/`iss` checks
 * and the session; this room never sees a cookie.
 */
import type { SingpassAppType } from '@sgid-bff/protocol';
import { SINGPASS_DEFAULT_AUTH_CONTEXT_TYPE } from '@sgid-bff/protocol';
import type { JWK } from 'jose';
import type { FetchLike } from '../fapi/call-endpoint';
import type { Discovery } from '../fapi/discovery';
import { createFapiLogin, type FapiProviderData } from '../fapi/fapi-login';
import type { LoginProvider, SingpassIdentity } from '../provider';
import { fetchUserinfo } from './fetch-userinfo';
import { verifyIdToken } from './verify-id-token';

export interface SingpassProviderOptions {
  clientId: string;
  /** Exact, e.g. `https://stg-id.singpass.gov.sg/fapi`; discovery is `<issuer>/.well-known/openid-configuration`. */
  issuer: string;
  redirectUri: string;
  scopes: readonly string[];
  appType: SingpassAppType;
  /** Login apps only (default `APP_AUTHENTICATION_DEFAULT`); never sent for Myinfo apps. */
  authContextType?: string;
  /**
   * Private JWKs: ≥ 1 EC P-256 `use: 'sig'` key — **the first is the newest and signs** — and ≥ 1 EC
   * `use: 'enc'` key with `alg` ECDH-ES+A128KW/A192KW/A256KW (all are used for decryption, by `kid`).
   */
  keys: readonly JWK[];
  /** Deadline of each outbound call. */
  timeoutMs: number;
  clockToleranceSeconds: number;
}

export interface SingpassProviderDeps {
  fetch: FetchLike;
  /** Milliseconds since the epoch. */
  clock: () => number;
}

/** What the login transaction keeps for Singpass between `beginLogin` and `completeLogin`. */
export type SingpassProviderData = FapiProviderData;

export interface SingpassProvider extends LoginProvider {
  readonly name: 'singpass';
  readonly appType: SingpassAppType;
  /** The public keys to register with Singpass (inline or served as the app's JWKS URL). */
  publicJwks(): { keys: JWK[] };
  /** Reads (cached) discovery: for `doctor` and readiness checks. */
  discover(): ReturnType<Discovery['get']>;
  completeLogin(callback: Parameters<LoginProvider['completeLogin']>[0]): Promise<SingpassIdentity>;
}

export function createSingpassProvider(
  options: SingpassProviderOptions,
  deps: SingpassProviderDeps,
): SingpassProvider {
  if (options.appType === 'myinfo' && options.authContextType !== undefined)
    throw new TypeError('authentication_context_type is for Singpass Login apps only');
  const authContextType = options.authContextType ?? SINGPASS_DEFAULT_AUTH_CONTEXT_TYPE;
  const fapi = createFapiLogin({ ...options, label: 'Singpass' }, deps);

  return {
    name: 'singpass',
    issuer: options.issuer,
    redirectUri: options.redirectUri,
    scopes: options.scopes,
    appType: options.appType,
    publicJwks: () => structuredClone(fapi.keys.publicJwks),
    discover: () => fapi.discovery.get(),

    // Required for Login apps, refused for Myinfo apps (§4.1).
    beginLogin: (secrets) => fapi.begin(secrets, options.appType === 'login' ? authContextType : undefined),

    async completeLogin(callback) {
      const redeemed = await fapi.redeem(callback);
      const idToken = await verifyIdToken(redeemed.idToken, redeemed.idTokenCheck);
      const identity: SingpassIdentity = {
        provider: 'singpass',
        sub: idToken.sub,
        appType: options.appType,
        scopes: [...callback.scopes],
        user: idToken.user,
        ...(idToken.acr !== undefined && { acr: idToken.acr }),
        ...(idToken.amr !== undefined && { amr: idToken.amr }),
      };
      if (options.appType === 'login') return identity;
      const person = await fetchUserinfo(deps.fetch, await redeemed.userinfoRequest(idToken.sub));
      return { ...identity, person };
    },
  };
}
