import { describe, expect, it } from 'vitest';
import { createFapiStore, type PushedParams } from '../state/fapi-store';
import { createTestSingpassClient } from '../testing/singpass-client';
import { checkSingpassCode } from './check-singpass-code';

const client = createTestSingpassClient();
const params: PushedParams = {
  clientId: client.id,
  redirectUri: 'https://rp.example/cb',
  scopes: ['openid'],
  state: 's',
  nonce: 'n',
  codeChallenge: 'c',
  acrValues: [],
  jkt: 'k',
};
const body = (code: string, extra: Record<string, string> = {}) => ({
  grant_type: 'authorization_code',
  code,
  redirect_uri: 'https://rp.example/cb',
  ...extra,
});
const invalidGrant = (pattern: RegExp) =>
  expect.objectContaining({ oauthError: 'invalid_grant', description: expect.stringMatching(pattern) });

describe('checkSingpassCode', () => {
  it('returns a fresh code of this client', () => {
    const store = createFapiStore(() => 0);
    const code = store.issueCode(params, 'S9812381D', 60_000);
    expect(checkSingpassCode(store, client, body(code), 0).grant.nric).toBe('S9812381D');
  });
  it('refuses other grant types with unsupported_grant_type', () => {
    const store = createFapiStore(() => 0);
    expect(() =>
      checkSingpassCode(store, client, body('x', { grant_type: 'client_credentials' }), 0),
    ).toThrow(expect.objectContaining({ oauthError: 'unsupported_grant_type' }));
  });
  it('refuses unknown, foreign, expired and redirect-mismatched codes with invalid_grant', () => {
    const store = createFapiStore(() => 0);
    const code = store.issueCode(params, 'S9812381D', 60_000);
    expect(() => checkSingpassCode(store, client, body('nope'), 0)).toThrow(invalidGrant(/unknown/));
    expect(() => checkSingpassCode(store, createTestSingpassClient({ id: 'other' }), body(code), 0)).toThrow(
      invalidGrant(/unknown/),
    );
    expect(() => checkSingpassCode(store, client, body(code), 60_000)).toThrow(invalidGrant(/expired/));
    expect(() =>
      checkSingpassCode(store, client, body(code, { redirect_uri: 'https://rp.example/other' }), 0),
    ).toThrow(invalidGrant(/redirect_uri/));
  });
  it('refuses a spent code and revokes the token it produced', () => {
    const store = createFapiStore(() => 0);
    const code = store.issueCode(params, 'S9812381D', 60_000);
    const { grant } = checkSingpassCode(store, client, body(code), 0);
    store.recordAccessToken('t1', {
      clientId: client.id,
      nric: 'S9812381D',
      sub: 'u',
      scopes: [],
      jkt: 'k',
      expiresAt: 1_000_000,
    });
    store.spendCode(code, grant, 't1', 1_000_000);
    expect(() => checkSingpassCode(store, client, body(code), 0)).toThrow(invalidGrant(/used/));
    expect(store.findAccessToken('t1')).toBeUndefined();
  });
});
