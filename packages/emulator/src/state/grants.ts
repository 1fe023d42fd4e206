/**
 * Authorization codes and access tokens (SGID-PROTOCOL.md §3.2, §3.3). A code is bound to everything the
 * authorize request carried and can be redeemed once; redeeming it again revokes the access token it
 * produced (RFC 6749 §4.1.2). An access token carries the pairwise `sub` and the granted scopes.
 */
import type { DataScope } from '@sgid-bff/protocol';
import type { Clock } from '../clock';
import { createRandomId } from '../random-id';
import { createExpiringMap } from './expiring-map';
import type { AuthorizationParams } from './login-requests';

export interface CodeGrant {
  readonly params: AuthorizationParams;
  readonly nric: string;
  readonly expiresAt: number;
  /** Set when redeemed: the code is spent, and this token is revoked if the code comes back. */
  redeemedFor: string | undefined;
}

export interface TokenGrant {
  readonly clientId: string;
  readonly nric: string;
  readonly sub: string;
  readonly scopes: readonly DataScope[];
  readonly expiresAt: number;
}

export interface GrantStore {
  issueCode(params: AuthorizationParams, nric: string, ttlMs: number): string;
  findCode(code: string): CodeGrant | undefined;
  /** Mark a code redeemed for `accessToken`, remembered until `keepUntil` so a replay can revoke it. */
  spendCode(code: string, grant: CodeGrant, accessToken: string, keepUntil: number): void;
  issueAccessToken(grant: Omit<TokenGrant, 'expiresAt'>, ttlMs: number): { token: string; expiresAt: number };
  findAccessToken(token: string): TokenGrant | undefined;
  revokeAccessToken(token: string): void;
}

export function createGrantStore(clock: Clock): GrantStore {
  const codes = createExpiringMap<CodeGrant>(clock);
  const tokens = createExpiringMap<TokenGrant>(clock);
  return {
    issueCode(params, nric, ttlMs) {
      const code = createRandomId();
      const expiresAt = clock() + ttlMs;
      codes.set(code, { params, nric, expiresAt, redeemedFor: undefined }, expiresAt);
      return code;
    },
    findCode: (code) => codes.get(code),
    spendCode(code, grant, accessToken, keepUntil) {
      grant.redeemedFor = accessToken;
      codes.set(code, grant, Math.max(keepUntil, grant.expiresAt));
    },
    issueAccessToken(grant, ttlMs) {
      const token = createRandomId();
      const expiresAt = clock() + ttlMs;
      tokens.set(token, { ...grant, expiresAt }, expiresAt);
      return { token, expiresAt };
    },
    findAccessToken: (token) => tokens.get(token),
    revokeAccessToken: (token) => tokens.delete(token),
  };
}
