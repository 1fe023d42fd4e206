/**
 * The BFF's Corppass (FAPI 2.0) relying party: the same FAPI machinery as Singpass (`providers/fapi/`:
 * discovery, a DPoP key per login used at PAR, token and userinfo, `private_key_jwt` with `kid`, PAR,
 * encrypted ID token checks), with Corppass's own endpoint names taken from its discovery and its own
 * claims (SINGPASS-CORPPASS-FAPI.md §4.9–4.10, §5):
 * - the ID token's `sub` is the entity and `act` the person acting for it (parse-identity.ts);
 * - with `authinfo` or `tpauthinfo` granted, userinfo is fetched (DPoP-bound) for the authorisations
 *   (parse-auth-info.ts); without them the session holds no roles;
 * - Login apps send `authentication_context_type` (only `APP_AUTHENTICATION_DEFAULT` exists for Corppass).
 * A malformed block fails the login with a stable code; a session is never half-filled.
 */
import { CORPPASS_DEFAULT_AUTH_CONTEXT_TYPE } from '@sgid-bff/protocol';
import type { JWK } from 'jose';
import { BffServerError } from '../../errors';
import type { FetchLike } from '../fapi/call-endpoint';
import { readClientKeys } from '../fapi/client-keys';
import { createDiscovery, type FapiMetadata } from '../fapi/discovery';
import { generateDpopKey, readDpopKey } from '../fapi/dpop';
import { exchangeCode } from '../fapi/exchange-code';
import { fetchUserinfoClaims } from '../fapi/fetch-userinfo-claims';
import { createOpKeys } from '../fapi/op-keys';
import { buildAuthorizationUrl, pushAuthorizationRequest } from '../fapi/push-authorization-request';
import { verifyFapiIdToken } from '../fapi/verify-fapi-id-token';
import type { CorppassIdentity, LoginProvider } from '../provider';
import { parseAuthorisations } from './parse-auth-info';
import { parseActor, parseEntity } from './parse-identity';

export interface CorppassProviderOptions {
  clientId: string;
  /** Exact, e.g. `https://stg-id.corppass.gov.sg` (no `/fapi`). */
  issuer: string;
  redirectUri: string;
  scopes: readonly string[];
  /** Default `APP_AUTHENTICATION_DEFAULT`. */
  authContextType?: string;
  /** Private JWKs as for Singpass: the first `sig` key signs, every `enc` key decrypts by `kid`. */
  keys: readonly JWK[];
  timeoutMs: number;
  clockToleranceSeconds: number;
}

export interface CorppassProviderDeps {
  fetch: FetchLike;
  clock: () => number;
}

export interface CorppassProvider extends LoginProvider {
  readonly name: 'corppass';
  publicJwks(): { keys: JWK[] };
  discover(): Promise<FapiMetadata>;
  completeLogin(callback: Parameters<LoginProvider['completeLogin']>[0]): Promise<CorppassIdentity>;
}

/** Scopes whose data comes from userinfo rather than the ID token. */
const USERINFO_SCOPES = new Set(['authinfo', 'tpauthinfo']);

export function createCorppassProvider(
  options: CorppassProviderOptions,
  deps: CorppassProviderDeps,
): CorppassProvider {
  const keys = readClientKeys(options.keys);
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
  const needsUserinfo = options.scopes.some((scope) => USERINFO_SCOPES.has(scope));

  return {
    name: 'corppass',
    issuer: options.issuer,
    redirectUri: options.redirectUri,
    scopes: options.scopes,
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
        appType: 'login',
        authContextType: options.authContextType ?? CORPPASS_DEFAULT_AUTH_CONTEXT_TYPE,
        state: secrets.state,
        nonce: secrets.nonce,
        codeVerifier: secrets.codeVerifier,
        dpopKey,
        dpopNonces: new Map(),
      });
      return {
        url: buildAuthorizationUrl(metadata.authorizationEndpoint, options.clientId, requestUri),
        providerData: { dpopKey: dpopJwk },
      };
    },

    async completeLogin(callback) {
      const data = callback.providerData;
      const dpopKey = readDpopKey(
        typeof data === 'object' && data !== null && 'dpopKey' in data ? data.dpopKey : undefined,
      );
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
      const idToken = await verifyFapiIdToken(tokens.idToken, {
        encryptionKeys: keys.encryption,
        opKeys,
        issuer: options.issuer,
        clientId: options.clientId,
        nonce: callback.nonce,
        now: deps.clock(),
        clockToleranceSeconds: options.clockToleranceSeconds,
      });
      const invalid = (detail: string) =>
        new BffServerError('BFF_ID_TOKEN_INVALID', { detail: `ID token ${detail}` });
      const entity = parseEntity(idToken.sub, idToken.sub_attributes);
      if (typeof entity === 'string') throw invalid(entity);
      const actor = parseActor(idToken.act);
      if (typeof actor === 'string') throw invalid(actor);

      let authorisations: CorppassIdentity['authorisations'] = [];
      if (needsUserinfo) {
        if (!metadata.userinfoEndpoint)
          throw new BffServerError('BFF_PROVIDER_ERROR', {
            detail: 'Corppass discovery names no userinfo_endpoint',
          });
        const claims = await fetchUserinfoClaims(deps.fetch, {
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
        const parsed = parseAuthorisations(claims.auth_info, claims.tp_auth_info);
        if (typeof parsed === 'string')
          throw new BffServerError('BFF_USERINFO_INVALID', { detail: parsed.slice(0, 300) });
        authorisations = parsed;
      }
      return {
        provider: 'corppass',
        sub: idToken.sub,
        scopes: [...callback.scopes],
        entity,
        actor,
        authorisations,
        ...(idToken.acr !== undefined && { acr: idToken.acr }),
        ...(idToken.amr !== undefined && { amr: idToken.amr }),
      };
    },
  };
}
