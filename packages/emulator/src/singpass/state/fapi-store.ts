/**
 * FAPI login state (Singpass and Corppass) (§4.2, §4.3, §4.7, §4.8; §8.2 rows 13, 14, 19, 21, 23):
 * - pushed requests by `request_uri`, bound to the client, the validated parameters and the DPoP key
 *   thumbprint; used once; expired ones stay findable a while so authorize can say "expired" with state;
 * - codes (60 s, single use; a replay revokes the access token the code produced, RFC 6749 §4.1.2);
 * - access tokens by `jti`, so userinfo can tell an unknown or revoked token from a valid one.
 * Every map is bounded (expiring-map).
 */
import type { Clock } from '../../clock';
import { createRandomId } from '../../random-id';
import { createExpiringMap } from '../../state/expiring-map';
import { REQUEST_URI_PREFIX } from '../constants';

/** What PAR validated: everything the code and tokens are bound to. */
export interface PushedParams {
  readonly clientId: string;
  readonly redirectUri: string;
  /** Granted scopes, `openid` included, in request order. */
  readonly scopes: readonly string[];
  readonly state: string;
  readonly nonce: string;
  readonly codeChallenge: string;
  readonly acrValues: readonly string[];
  /** RFC 7638 thumbprint of the PAR DPoP key (or `dpop_jkt`). */
  readonly jkt: string;
}

export interface PushedRequest {
  readonly params: PushedParams;
  readonly expiresAt: number;
  used: boolean;
}

export interface SingpassCode {
  readonly params: PushedParams;
  readonly nric: string;
  /** Corppass: the entity the user chose to act for. */
  readonly entityId?: string;
  readonly expiresAt: number;
  redeemedFor: string | undefined;
}

export interface SingpassAccessGrant {
  readonly clientId: string;
  readonly nric: string;
  /** Corppass: the entity the user acts for. */
  readonly entityId?: string;
  /** The user's Singpass UUID at this client (Corppass `act.sub`; Singpass's `sub`). */
  readonly userSub?: string;
  readonly sub: string;
  readonly scopes: readonly string[];
  readonly jkt: string;
  readonly expiresAt: number;
}

export interface FapiStore {
  push(params: PushedParams, ttlMs: number): string;
  findPushed(requestUri: string): PushedRequest | undefined;
  issueCode(params: PushedParams, nric: string, ttlMs: number, entityId?: string): string;
  findCode(code: string): SingpassCode | undefined;
  spendCode(code: string, grant: SingpassCode, tokenId: string, keepUntil: number): void;
  recordAccessToken(tokenId: string, grant: SingpassAccessGrant): void;
  findAccessToken(tokenId: string): SingpassAccessGrant | undefined;
  revokeAccessToken(tokenId: string): void;
}

/** Provider-neutral names: the store serves Singpass and Corppass alike. */
export type FapiCode = SingpassCode;
export type FapiAccessGrant = SingpassAccessGrant;

const MAX_ENTRIES = 10_000;
/** An expired or used request_uri is remembered this long, so authorize can redirect with its state. */
const GRACE_MS = 10 * 60_000;

export function createFapiStore(clock: Clock): FapiStore {
  const pushed = createExpiringMap<PushedRequest>(clock, MAX_ENTRIES);
  const codes = createExpiringMap<SingpassCode>(clock, MAX_ENTRIES);
  const tokens = createExpiringMap<SingpassAccessGrant>(clock, MAX_ENTRIES);
  return {
    push(params, ttlMs) {
      // 256 random bits: far above §8.2 row 13's 128.
      const requestUri = `${REQUEST_URI_PREFIX}${createRandomId()}`;
      const expiresAt = clock() + ttlMs;
      pushed.set(requestUri, { params, expiresAt, used: false }, expiresAt + GRACE_MS);
      return requestUri;
    },
    findPushed: (requestUri) => pushed.get(requestUri),
    issueCode(params, nric, ttlMs, entityId) {
      const code = createRandomId();
      const expiresAt = clock() + ttlMs;
      const grant: SingpassCode = {
        params,
        nric,
        expiresAt,
        redeemedFor: undefined,
        ...(entityId === undefined ? {} : { entityId }),
      };
      codes.set(code, grant, expiresAt + GRACE_MS);
      return code;
    },
    findCode: (code) => codes.get(code),
    spendCode(code, grant, tokenId, keepUntil) {
      grant.redeemedFor = tokenId;
      codes.set(code, grant, Math.max(keepUntil, grant.expiresAt + GRACE_MS));
    },
    recordAccessToken: (tokenId, grant) => tokens.set(tokenId, grant, grant.expiresAt),
    findAccessToken: (tokenId) => tokens.get(tokenId),
    revokeAccessToken: (tokenId) => tokens.delete(tokenId),
  };
}
