/**
 * The BFF's Corppass (FAPI 2.0) relying party, for Corppass Login apps: `beginLogin` pushes the request
 * (PAR at discovery's `pushed_authorization_request_endpoint`, Corppass's `/request`) and answers the
 * browser's URL; `completeLogin` is linear — token, ID token (entity and acting user), then userinfo for
 * the roles when `authinfo`/`tpauthinfo` was asked for. The protocol is SINGPASS-CORPPASS-FAPI.md §4
 * (Corppass columns); the RP's duties are its §6, enforced by the shared FAPI modules in `../fapi/`:
 * 1. per-login DPoP key, kept in `providerData` only, the same key at PAR, token and userinfo (§4.6)
 *                                                                             → `fapi/dpop.ts`
 * 3. assertion with `kid` (Corppass expects it, §4.5), `aud` = issuer, fresh `jti`s, `exp` = `iat` + 60
 *                                                                             → `fapi/client-assertion.ts`
 * 4. issuer exact (`https://id.corppass.gov.sg`, no `/fapi`) in discovery and the ID token
 *                                                                             → `fapi/discovery.ts`
 * 5. JWE only, allowlisted, by `kid`; ES256; claims with the injected clock  → `fapi/verify-fapi-id-token.ts`
 * 8. discovery and the Corppass JWKS cached ≥ 1 h                             → `fapi/discovery.ts`, `fapi/op-keys.ts`
 * Corppass's own rules, checked at construction: `openid` and only Corppass scopes (§5); the context type
 * is `APP_AUTHENTICATION_DEFAULT`, the only one Corppass Login apps may send (§4.1, [CP-ACX]). The token
 * answer's `scope` echo and 10-minute access token (§4.8) are neither required nor read.
 */
import { CORPPASS_DEFAULT_AUTH_CONTEXT_TYPE, CORPPASS_ISSUERS, CORPPASS_SCOPES } from '@sgid-bff/protocol';
import type { JWK } from 'jose';
import type { FetchLike } from '../fapi/call-endpoint';
import type { Discovery } from '../fapi/discovery';
import { createFapiLogin, type FapiProviderData } from '../fapi/fapi-login';
import type { CorppassIdentity, LoginCallback, LoginProvider } from '../provider';
import { fetchAuthorisations, USERINFO_SCOPES } from './fetch-authorisations';
import { verifyCorppassIdToken } from './verify-id-token';

export interface CorppassProviderOptions {
  clientId: string;
  /** Exact; default `https://id.corppass.gov.sg`. Discovery is `<issuer>/.well-known/openid-configuration`. */
  issuer?: string;
  redirectUri: string;
  /** `openid` and any of `CORPPASS_SCOPES`. */
  scopes: readonly string[];
  /** Default and only value: `APP_AUTHENTICATION_DEFAULT` (the client must be allow-listed for it). */
  authContextType?: string;
  /**
   * Private JWKs: ≥ 1 EC P-256 `use: 'sig'` key — **the first is the newest and signs**, its `kid` in every
   * assertion — and ≥ 1 EC `use: 'enc'` key with `alg` ECDH-ES+A128KW/A192KW/A256KW (all decrypt, by `kid`).
   */
  keys: readonly JWK[];
  /** Deadline of each outbound call. */
  timeoutMs: number;
  clockToleranceSeconds: number;
}

export interface CorppassProviderDeps {
  fetch: FetchLike;
  /** Milliseconds since the epoch. */
  clock: () => number;
}

/** What the login transaction keeps for Corppass between `beginLogin` and `completeLogin`. */
export type CorppassProviderData = FapiProviderData;

/**
 * A `LoginProvider` named `corppass`. Typed beside the interface rather than extending it until
 * `'corppass'` joins `PROVIDER_NAMES` and `CorppassIdentity` joins `ProviderIdentity` (the integration
 * step); its shape is `LoginProvider`'s.
 */
export interface CorppassProvider extends Omit<LoginProvider, 'name' | 'completeLogin'> {
  readonly name: 'corppass';
  /** The public keys to register with Corppass (served as the app's JWKS URL). */
  publicJwks(): { keys: JWK[] };
  /** Reads (cached) discovery: for `doctor` and readiness checks. */
  discover(): ReturnType<Discovery['get']>;
  completeLogin(callback: LoginCallback): Promise<CorppassIdentity>;
}

export function createCorppassProvider(
  options: CorppassProviderOptions,
  deps: CorppassProviderDeps,
): CorppassProvider {
  checkScopes(options.scopes);
  const authContextType = options.authContextType ?? CORPPASS_DEFAULT_AUTH_CONTEXT_TYPE;
  if (authContextType !== CORPPASS_DEFAULT_AUTH_CONTEXT_TYPE)
    throw new TypeError(`Corppass Login apps send only ${CORPPASS_DEFAULT_AUTH_CONTEXT_TYPE}`);
  const issuer = options.issuer ?? CORPPASS_ISSUERS.production;
  const fapi = createFapiLogin({ ...options, issuer, label: 'Corppass' }, deps);

  return {
    name: 'corppass',
    issuer,
    redirectUri: options.redirectUri,
    scopes: options.scopes,
    publicJwks: () => structuredClone(fapi.keys.publicJwks),
    discover: () => fapi.discovery.get(),
    beginLogin: (secrets) => fapi.begin(secrets, authContextType),

    async completeLogin(callback) {
      const redeemed = await fapi.redeem(callback);
      const idToken = await verifyCorppassIdToken(redeemed.idToken, redeemed.idTokenCheck);
      const identity: CorppassIdentity = {
        provider: 'corppass',
        sub: idToken.sub,
        scopes: [...callback.scopes],
        entity: idToken.entity,
        actor: idToken.actor,
        authorisations: [],
        ...(idToken.acr !== undefined && { acr: idToken.acr }),
        ...(idToken.amr !== undefined && { amr: idToken.amr }),
      };
      if (!USERINFO_SCOPES.some((scope) => callback.scopes.includes(scope))) return identity;
      const authorisations = await fetchAuthorisations(deps.fetch, {
        ...(await redeemed.userinfoRequest(idToken.sub)),
        scopes: callback.scopes,
      });
      return { ...identity, authorisations };
    },
  };
}

function checkScopes(scopes: readonly string[]): void {
  if (!scopes.includes('openid')) throw new TypeError('Corppass scopes need openid');
  const known: readonly string[] = CORPPASS_SCOPES;
  const unknown = scopes.filter((scope) => !known.includes(scope));
  if (unknown.length > 0) throw new TypeError(`not Corppass scopes: ${unknown.join(', ')}`);
}
