import { calculateJwkThumbprint, decodeProtectedHeader, type JWK } from 'jose';
import { describe, expect, it } from 'vitest';
import {
  createFakeSingpass,
  encryptTo,
  idTokenClaims,
  makeClientJwks,
  signAsOp,
  TEST_CLIENT_ID,
  TEST_ISSUER,
} from '../../../test/support/singpass-fixtures';
import { createSingpassProvider } from './singpass-provider';

const jwks = makeClientJwks();
const encKey: JWK = jwks[2] ?? { kty: 'missing' };
const now = Date.UTC(2026, 5, 1, 8, 0, 0);
const secrets = {
  state: 'state-0123456789-0123456789-0123456789abc',
  nonce: 'nonce-0123456789-0123456789-0123456789abc',
  codeVerifier: 'verifier-0123456789-0123456789-0123456789a',
};
const options = {
  clientId: TEST_CLIENT_ID,
  issuer: TEST_ISSUER,
  redirectUri: 'https://app.example.sg/auth/callback/singpass',
  scopes: ['openid', 'name'],
  appType: 'login' as const,
  keys: jwks,
  timeoutMs: 1000,
  clockToleranceSeconds: 30,
};

function fakeOp() {
  return createFakeSingpass({
    '/fapi/par': () =>
      Response.json({ request_uri: 'urn:ietf:params:oauth:request_uri:r1', expires_in: 60 }, { status: 201 }),
    '/fapi/token': async () =>
      Response.json({
        access_token: 'at',
        token_type: 'DPoP',
        id_token: await encryptTo(
          await signAsOp(
            idTokenClaims(now, secrets.nonce, { sub: 'uuid-1', sub_attributes: { name: 'TAN' } }),
          ),
          encKey,
        ),
      }),
  });
}

describe('createSingpassProvider', () => {
  it('publishes the public half of its keys', () => {
    const provider = createSingpassProvider(options, { fetch: fakeOp().fetch, clock: () => now });
    expect(provider.publicJwks().keys.map((k) => k.kid)).toEqual([
      'sig-2026',
      'sig-2025',
      'enc-2026',
      'enc-2025',
    ]);
    expect(JSON.stringify(provider.publicJwks())).not.toContain('"d"');
    expect(provider).toMatchObject({ name: 'singpass', issuer: TEST_ISSUER, appType: 'login' });
  });

  it('begins with a new DPoP key each login, kept in providerData and used for the PAR', async () => {
    const op = fakeOp();
    const provider = createSingpassProvider(options, { fetch: op.fetch, clock: () => now });
    const first = await provider.beginLogin(secrets);
    const second = await provider.beginLogin(secrets);
    expect(first.url).toBe(
      `${TEST_ISSUER}/auth?client_id=${TEST_CLIENT_ID}&request_uri=urn%3Aietf%3Aparams%3Aoauth%3Arequest_uri%3Ar1`,
    );
    const keyOf = (data: unknown) => (data as { dpopKey: JWK }).dpopKey;
    expect(keyOf(first.providerData)).toHaveProperty('d');
    const thumbprints = await Promise.all(
      [first, second].map((b) => calculateJwkThumbprint(keyOf(b.providerData))),
    );
    expect(thumbprints[0]).not.toBe(thumbprints[1]);
    const pars = op.requests.filter((r) => r.url.endsWith('/par'));
    const sentKeys = await Promise.all(
      pars.map((r) => calculateJwkThumbprint(decodeProtectedHeader(r.headers.get('dpop') ?? '').jwk as JWK)),
    );
    expect(sentKeys).toEqual(thumbprints);
    // Discovery is read once for both logins.
    expect(op.requests.filter((r) => r.url.endsWith('openid-configuration'))).toHaveLength(1);
  });

  it('completes a Login app login from the ID token alone, with the transaction key', async () => {
    const op = fakeOp();
    const provider = createSingpassProvider(options, { fetch: op.fetch, clock: () => now });
    const { providerData } = await provider.beginLogin(secrets);
    const identity = await provider.completeLogin({
      ...secrets,
      code: 'c',
      scopes: ['openid', 'name'],
      providerData: JSON.parse(JSON.stringify(providerData)),
    });
    expect(identity).toEqual({
      provider: 'singpass',
      sub: 'uuid-1',
      appType: 'login',
      scopes: ['openid', 'name'],
      user: { name: 'TAN' },
      acr: 'urn:singpass:authentication:loa:2',
      amr: ['pwd', 'otp-sms'],
    });
    const tokenProof = op.requests.find((r) => r.url.endsWith('/token'))?.headers.get('dpop') ?? '';
    expect(await calculateJwkThumbprint(decodeProtectedHeader(tokenProof).jwk as JWK)).toBe(
      await calculateJwkThumbprint((providerData as { dpopKey: JWK }).dpopKey),
    );
    expect(op.requests.some((r) => r.url.endsWith('/userinfo'))).toBe(false);
  });

  it('refuses a transaction without a usable DPoP key before calling Singpass', async () => {
    const op = fakeOp();
    const provider = createSingpassProvider(options, { fetch: op.fetch, clock: () => now });
    for (const providerData of [undefined, {}, { dpopKey: { kty: 'EC' } }])
      await expect(
        provider.completeLogin({ ...secrets, code: 'c', scopes: [], providerData }),
      ).rejects.toMatchObject({
        code: 'BFF_CALLBACK_INVALID',
      });
    expect(op.requests).toEqual([]);
  });

  it('sends authentication_context_type at PAR for a Login app and never for a Myinfo app', async () => {
    const contextTypes: Array<string | null> = [];
    for (const appType of ['login', 'myinfo'] as const) {
      const op = fakeOp();
      const provider = createSingpassProvider({ ...options, appType }, { fetch: op.fetch, clock: () => now });
      await provider.beginLogin(secrets);
      const par = op.requests.find((r) => r.url.endsWith('/par'));
      contextTypes.push(new URLSearchParams(par?.body).get('authentication_context_type'));
    }
    expect(contextTypes).toEqual(['APP_AUTHENTICATION_DEFAULT', null]);
  });

  it('refuses a context type for a Myinfo app at construction', () => {
    expect(() =>
      createSingpassProvider(
        { ...options, appType: 'myinfo', authContextType: 'APP_AUTHENTICATION_DEFAULT' },
        { fetch: fakeOp().fetch, clock: () => now },
      ),
    ).toThrow(/Login apps only/);
  });
});
