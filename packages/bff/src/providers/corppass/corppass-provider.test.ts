import { describe, expect, it } from 'vitest';
import { createFakeSingpass, makeClientJwks } from '../../../test/support/singpass-fixtures';
import { createCorppassProvider } from './corppass-provider';

const options = {
  clientId: '51YUlwazLASM7aqMiBNW',
  redirectUri: 'https://app.example.sg/auth/callback/corppass',
  scopes: ['openid', 'authinfo'],
  keys: makeClientJwks(),
  timeoutMs: 1000,
  clockToleranceSeconds: 30,
};
const deps = { fetch: createFakeSingpass().fetch, clock: () => Date.UTC(2026, 5, 1) };

describe('createCorppassProvider', () => {
  it('is the production Corppass issuer by default, exactly, with its public keys', () => {
    const provider = createCorppassProvider(options, deps);
    expect(provider).toMatchObject({ name: 'corppass', issuer: 'https://id.corppass.gov.sg' });
    expect(JSON.stringify(provider.publicJwks())).not.toContain('"d"');
  });

  it('refuses scopes without openid or outside Corppass, and any context type but the default', () => {
    expect(() => createCorppassProvider({ ...options, scopes: ['authinfo'] }, deps)).toThrow(/openid/);
    expect(() => createCorppassProvider({ ...options, scopes: ['openid', 'name'] }, deps)).toThrow(/name/);
    expect(() =>
      createCorppassProvider({ ...options, authContextType: 'APP_PAYMENT_DEFAULT' }, deps),
    ).toThrow(/APP_AUTHENTICATION_DEFAULT/);
  });

  it('refuses a transaction without a usable DPoP key before calling Corppass', async () => {
    const op = createFakeSingpass();
    const provider = createCorppassProvider(options, { ...deps, fetch: op.fetch });
    const secrets = { state: 's', nonce: 'n', codeVerifier: 'v' };
    for (const providerData of [undefined, {}, { dpopKey: { kty: 'EC' } }])
      await expect(
        provider.completeLogin({ ...secrets, code: 'c', scopes: [], providerData }),
      ).rejects.toMatchObject({ code: 'BFF_CALLBACK_INVALID' });
    expect(op.requests).toEqual([]);
  });
});
