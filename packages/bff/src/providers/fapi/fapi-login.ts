/**
 * The login steps Singpass and Corppass share (SINGPASS-CORPPASS-FAPI.md §4, §6), so each provider's room
 * keeps only what is its own (which claims it reads, whether it calls userinfo, its context-type rule):
 * - `begin`: discovery (cached), **a new P-256 DPoP key for this login**, the pushed authorization request
 *   with the client assertion and a proof from that key; answers the browser's URL (`client_id` and
 *   `request_uri` only) and the key as `providerData` for the server-side transaction;
 * - `redeem`: the transaction's key read back (none usable: `BFF_CALLBACK_INVALID`, before any call),
 *   the code exchanged with a proof from the same key; answers the tokens, the ID-token check the room
 *   passes to its verifier, and a userinfo request bound to the same key and nonce cache.
 */
import type { JWK } from 'jose';
import { BffServerError } from '../../errors';
import type { LoginCallback, LoginSecrets } from '../provider';
import type { FetchLike } from './call-endpoint';
import { type ClientKeys, readClientKeys } from './client-keys';
import { createDiscovery, type Discovery } from './discovery';
import { generateDpopKey, readDpopKey } from './dpop';
import { exchangeCode } from './exchange-code';
import type { UserinfoRequest } from './fetch-userinfo-claims';
import { createOpKeys } from './op-keys';
import { buildAuthorizationUrl, pushAuthorizationRequest } from './push-authorization-request';
import type { IdTokenCheck } from './verify-fapi-id-token';

export interface FapiLoginOptions {
  /** For private log details: `Singpass`, `Corppass`. */
  label: string;
  clientId: string;
  issuer: string;
  redirectUri: string;
  scopes: readonly string[];
  keys: readonly JWK[];
  timeoutMs: number;
  clockToleranceSeconds: number;
}

/** What a FAPI login transaction keeps between `begin` and `redeem`. */
export interface FapiProviderData {
  /** The login's own DPoP private key (P-256 JWK). Secret: store it server-side only. */
  dpopKey: JWK;
}

export interface RedeemedCode {
  accessToken: string;
  idToken: string;
  /** The checks every FAPI ID token gets, for the room's verifier. */
  idTokenCheck: IdTokenCheck;
  /** The userinfo call of this login (same DPoP key and nonces), for a room that needs it. */
  userinfoRequest(expectedSub: string): Promise<UserinfoRequest>;
}

export interface FapiLogin {
  readonly keys: ClientKeys;
  readonly discovery: Discovery;
  begin(
    secrets: LoginSecrets,
    authContextType?: string,
  ): Promise<{ url: string; providerData: FapiProviderData }>;
  redeem(callback: LoginCallback): Promise<RedeemedCode>;
}

export function createFapiLogin(
  options: FapiLoginOptions,
  deps: { fetch: FetchLike; clock: () => number },
): FapiLogin {
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

  return {
    keys,
    discovery,

    async begin(secrets, authContextType) {
      const metadata = await discovery.get();
      const dpopJwk = generateDpopKey();
      const dpopKey = readDpopKey(dpopJwk);
      if (!dpopKey)
        throw new BffServerError('BFF_INTERNAL', { detail: 'generated DPoP key does not read back' });
      const { requestUri } = await pushAuthorizationRequest(deps.fetch, {
        ...common,
        endpoint: metadata.pushedAuthorizationRequestEndpoint,
        scopes: options.scopes,
        ...(authContextType !== undefined && { authContextType }),
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

    async redeem(callback) {
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
      return {
        accessToken: tokens.accessToken,
        idToken: tokens.idToken,
        idTokenCheck: {
          encryptionKeys: keys.encryption,
          opKeys,
          issuer: options.issuer,
          clientId: options.clientId,
          nonce: callback.nonce,
          now: deps.clock(),
          clockToleranceSeconds: options.clockToleranceSeconds,
        },
        async userinfoRequest(expectedSub) {
          if (!metadata.userinfoEndpoint)
            throw new BffServerError('BFF_PROVIDER_ERROR', {
              detail: `${options.label} discovery names no userinfo_endpoint`,
            });
          return {
            endpoint: metadata.userinfoEndpoint,
            accessToken: tokens.accessToken,
            dpopKey,
            dpopNonces,
            encryptionKeys: keys.encryption,
            opKeys,
            issuer: options.issuer,
            clientId: options.clientId,
            expectedSub,
            clock: deps.clock,
            timeoutMs: options.timeoutMs,
          };
        },
      };
    },
  };
}
