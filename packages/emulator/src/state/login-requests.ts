/**
 * Login requests: one per validated authorize call, alive while its QR code is (5 minutes by default).
 * The simulated Singpass app sets the persona and the user's answer; the QR page polls for the outcome.
 * The id is 256 random bits: it is the capability to answer the request.
 */
import type { DataScope } from '@sgid-bff/protocol';
import type { Clock } from '../clock';
import { createRandomId } from '../random-id';
import { createExpiringMap } from './expiring-map';

/** What authorize validated; everything the code will be bound to. */
export interface AuthorizationParams {
  readonly clientId: string;
  readonly redirectUri: string;
  /** Requested data scopes (without `openid`), in request order. */
  readonly scopes: readonly DataScope[];
  readonly codeChallenge: string;
  readonly nonce: string | undefined;
  readonly state: string | undefined;
  /** Set by a provider other than sgID (Singpass): what approval issues and what consent lists. */
  readonly provider?: LoginProviderHooks;
  /** Sent as `iss` on every redirect back (RFC 9207), when the provider advertises it. */
  readonly issuer?: string;
}

/** How a non-sgID provider plugs into the shared QR page and simulated Singpass app. */
export interface LoginProviderHooks {
  readonly name: 'singpass' | 'corppass';
  /** One line per requested item, for the consent screen. */
  readonly consentItems: readonly string[];
  /** Issue the provider's code for the chosen persona (Corppass: and the entity chosen to act for). */
  issueCode(nric: string, entityId?: string): string;
  /** Corppass: the entities a user may act for; the app asks "acting for" when there are several. */
  entitiesOf?(nric: string): readonly { readonly id: string; readonly name: string }[];
}

export type LoginStatus = 'pending' | 'approved' | 'declined' | 'expired';

export interface LoginRequest {
  readonly id: string;
  readonly params: AuthorizationParams;
  readonly createdAt: number;
  readonly expiresAt: number;
  /** The persona chosen in the app, once chosen. */
  nric: string | undefined;
  /** Corppass: the entity the user chose to act for, once chosen. */
  entityId: string | undefined;
  status: Exclude<LoginStatus, 'expired'>;
  /** Where the browser goes next, once answered: `redirect_uri?code&state` or `?error=access_denied`. */
  redirect: string | undefined;
}

/** A summary for the debug page: never the request id, code or any token. */
export interface LoginSummary {
  readonly createdAt: number;
  readonly clientId: string;
  readonly scopes: readonly DataScope[];
  readonly nric: string | undefined;
  readonly status: LoginStatus;
}

export interface LoginRequestStore {
  create(params: AuthorizationParams, ttlMs: number): LoginRequest;
  /** The request, including expired ones while they are still remembered (to say "expired"). */
  find(id: string): LoginRequest | undefined;
  statusOf(request: LoginRequest): LoginStatus;
  /** Record a login that skipped the app (auto-approve), for the debug page. */
  recordAutoApproved(params: AuthorizationParams, nric: string): void;
  recent(): LoginSummary[];
}

const RECENT_LIMIT = 50;
/** Expired requests stay findable a while so the app and QR pages can say "expired", not "unknown". */
const GRACE_MS = 30 * 60_000;
/** At most this many login requests are remembered; beyond it the oldest are forgotten first. */
export const MAX_LOGIN_REQUESTS = 10_000;

export function createLoginRequestStore(clock: Clock): LoginRequestStore {
  const requests = createExpiringMap<LoginRequest>(clock, MAX_LOGIN_REQUESTS);
  const recent: Array<LoginRequest> = [];

  function remember(request: LoginRequest): void {
    recent.push(request);
    if (recent.length > RECENT_LIMIT) recent.shift();
  }

  function statusOf(request: LoginRequest): LoginStatus {
    return request.status === 'pending' && clock() >= request.expiresAt ? 'expired' : request.status;
  }

  return {
    create(params, ttlMs) {
      const now = clock();
      const request: LoginRequest = {
        id: createRandomId(),
        params,
        createdAt: now,
        expiresAt: now + ttlMs,
        nric: undefined,
        entityId: undefined,
        status: 'pending',
        redirect: undefined,
      };
      requests.set(request.id, request, request.expiresAt + GRACE_MS);
      remember(request);
      return request;
    },
    find: (id) => requests.get(id),
    statusOf,
    recordAutoApproved(params, nric) {
      const now = clock();
      remember({
        id: '',
        params,
        createdAt: now,
        expiresAt: now,
        nric,
        entityId: undefined,
        status: 'approved',
        redirect: undefined,
      });
    },
    recent: () =>
      recent
        .map((request) => ({
          createdAt: request.createdAt,
          clientId: request.params.clientId,
          scopes: request.params.scopes,
          nric: request.nric,
          status: statusOf(request),
        }))
        .reverse(),
  };
}
