import { describe, expect, it } from 'vitest';
import { createGrantStore } from '../state/grants';
import type { AuthorizationParams } from '../state/login-requests';
import { createTestClient } from '../testing/registered-client';
import { checkCode } from './check-code';

const params: AuthorizationParams = {
  clientId: 'client-a',
  redirectUri: 'https://rp.example/callback',
  scopes: ['myinfo.name'],
  codeChallenge: 'zaqUHoBV3rnhBF2g0Gkz1qkpEZXHqi2OrPK1DqRi-Lk',
  nonce: 'n',
  state: 's',
};
const invalidGrant = expect.objectContaining({ oauthError: 'invalid_grant' });

function setUp() {
  let now = 1_000_000;
  const grants = createGrantStore(() => now);
  const code = grants.issueCode(params, 'S9812381D', 60_000);
  return { grants, code, advance: (ms: number) => (now += ms) };
}

describe('checkCode', () => {
  const client = createTestClient();

  it('returns a live code bound to this client and redirect_uri', () => {
    const { grants, code } = setUp();
    expect(checkCode(grants, client, { code, redirect_uri: params.redirectUri }).grant.nric).toBe(
      'S9812381D',
    );
  });
  it('rejects an unknown code', () => {
    const { grants } = setUp();
    expect(() => checkCode(grants, client, { code: 'nope', redirect_uri: params.redirectUri })).toThrow(
      invalidGrant,
    );
  });
  it('rejects a code after its lifetime', () => {
    const { grants, code, advance } = setUp();
    advance(60_000);
    expect(() => checkCode(grants, client, { code, redirect_uri: params.redirectUri })).toThrow(invalidGrant);
  });
  it('rejects a code issued to another client', () => {
    const { grants, code } = setUp();
    const other = createTestClient({ id: 'client-b' });
    expect(() => checkCode(grants, other, { code, redirect_uri: params.redirectUri })).toThrow(invalidGrant);
  });
  it('rejects another redirect_uri, and a missing one as invalid_request', () => {
    const { grants, code } = setUp();
    expect(() => checkCode(grants, client, { code, redirect_uri: 'https://rp.example/other' })).toThrow(
      invalidGrant,
    );
    expect(() => checkCode(grants, client, { code })).toThrow(
      expect.objectContaining({ oauthError: 'invalid_request' }),
    );
  });
  it('rejects a spent code and revokes the access token issued for it', () => {
    const { grants, code } = setUp();
    const { grant } = checkCode(grants, client, { code, redirect_uri: params.redirectUri });
    const access = grants.issueAccessToken(
      { clientId: 'client-a', nric: 'S9812381D', sub: 'x', scopes: [] },
      60_000,
    );
    grants.spendCode(code, grant, access.token, access.expiresAt);
    expect(grants.findAccessToken(access.token)).toBeDefined();
    expect(() => checkCode(grants, client, { code, redirect_uri: params.redirectUri })).toThrow(invalidGrant);
    expect(grants.findAccessToken(access.token)).toBeUndefined();
  });
});
