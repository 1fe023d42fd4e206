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
import { BffServerError } from '../../errors';
import type { FetchLike } from '../fapi/call-endpoint';
import { readClientKeys } from '../fapi/client-keys';
import { createDiscovery, type Discovery } from '../fapi/discovery';
import { generateDpopKey, readDpopKey } from '../fapi/dpop';
import { exchangeCode } from '../fapi/exchange-code';
import { createOpKeys } from '../fapi/op-keys';
import { buildAuthorizationUrl, pushAuthorizationRequest } from '../fapi/push-authorization-request';
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
export interface SingpassProviderData {
  /** The login's own DPoP private key (P-256 JWK). Secret: store it server-side only. */
  dpopKey: JWK;
}

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
  const keys = readClientKeys(options.keys);
  const authContextType = options.authContextType ?? SINGPASS_DEFAULT_AUTH_CONTEXT_TYPE;
  const discovery = createDiscovery({
    issuer: options.issuer,
    timeoutMs: options.timeoutMs,
    fetch: deps.fetch,
    clock: deps.clock,
  });
  const opKeys = createOpKeys({ discovery, fetch: deps.fetch, timeoutMs: options.timeoutMs });
  const common = {
    issuer: options.issuer,
    clientId: options.clientId,
    redirectUri: options.redirectUri,
    signingKey: keys.signing,
    clock: deps.clock,
    timeoutMs: options.timeoutMs,
  };

  return {
    name: 'singpass',
    issuer: options.issuer,
    redirectUri: options.redirectUri,
    scopes: options.scopes,
    appType: options.appType,
    publicJwks: () => structuredClone(keys.publicJwks),
    discover: () => discovery.get(),

    async beginLogin(secrets) {
      const metadata = await discovery.get();
      const dpopJwk = generateDpopKey();
      const dpopKey = readDpopKey(dpopJwk);
      if (!dpopKey)
        throw new BffServerError('BFF_INTERNAL', { detail: 'generated DPoP key does not read back' });
      const { requestUri } = await pushAuthorizationRequest(deps.fetch, {
        ...common,
        endpoint: metadata.pushedAuthorizationRequestEndpoint,
        scopes: options.scopes,
        // Required for Login apps, refused for Myinfo apps (§4.1).
        ...(options.appType === 'login' && { authContextType }),
        state: secrets.state,
        nonce: secrets.nonce,
        codeVerifier: secrets.codeVerifier,
        dpopKey,
        dpopNonces: new Map(),
      });
      const providerData: SingpassProviderData = { dpopKey: dpopJwk };
      return {
        url: buildAuthorizationUrl(metadata.authorizationEndpoint, options.clientId, requestUri),
        providerData,
      };
    },

    async completeLogin(callback) {
      const dpopKey = readDpopKey(readProviderData(callback.providerData));
      if (!dpopKey)
        throw new BffServerError('BFF_CALLBACK_INVALID', { detail: 'transaction holds no usable DPoP key' });
      const metadata = await discovery.get();
      const dpopNonces = new Map<string, string>();
      const tokens = await exchangeCode(deps.fetch, {
        ...common,
        endpoint: metadata.tokenEndpoint,
        code: callback.code,
        codeVerifier: callback.codeVerifier,
        dpopKey,
        dpopNonces,
      });
      const idToken = await verifyIdToken(tokens.idToken, {
        encryptionKeys: keys.encryption,
        opKeys,
        issuer: options.issuer,
        clientId: options.clientId,
        nonce: callback.nonce,
        now: deps.clock(),
        clockToleranceSeconds: options.clockToleranceSeconds,
      });
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

      if (!metadata.userinfoEndpoint)
        throw new BffServerError('BFF_PROVIDER_ERROR', {
          detail: 'Singpass discovery names no userinfo_endpoint',
        });
      const person = await fetchUserinfo(deps.fetch, {
        endpoint: metadata.userinfoEndpoint,
        accessToken: tokens.accessToken,
        dpopKey,
        dpopNonces,
        encryptionKeys: keys.encryption,
        opKeys,
        issuer: options.issuer,
        clientId: options.clientId,
        expectedSub: idToken.sub,
        clock: deps.clock,
        timeoutMs: options.timeoutMs,
      });
      return { ...identity, person };
    },
  };
}

function readProviderData(data: unknown): unknown {
  return typeof data === 'object' && data !== null && 'dpopKey' in data ? data.dpopKey : undefined;
}
