import { describe, expect, it } from 'vitest';
import { parseEmulatorConfig } from '../../config/parse-config';
import type { EmulatorError } from '../../errors';
import { catchError } from '../../testing/registered-client';
import { TEST_CLIENT_JWKS } from '../testing/singpass-client';
import type { SingpassClientConfig } from './singpass-client';

const client: SingpassClientConfig = {
  provider: 'singpass',
  id: 'spClient',
  name: 'SP',
  appType: 'login',
  redirectUris: ['http://localhost:3000/cb'],
  scopes: ['openid', 'user.identity', 'name'],
  jwks: TEST_CLIENT_JWKS,
};

function problems(...clients: unknown[]): string {
  const error = catchError(() =>
    parseEmulatorConfig({ publicUrl: 'http://127.0.0.1:5156', clients }),
  ) as EmulatorError;
  expect(error.code).toBe('EMU_CONFIG_INVALID');
  return error.description;
}

describe('Singpass clients in the config', () => {
  it('resolves a Singpass client beside sgID ones, the Singpass issuer and the default toggles', () => {
    const config = parseEmulatorConfig({ publicUrl: 'http://127.0.0.1:5156', clients: [client] });
    expect(config.singpassIssuer).toBe('http://127.0.0.1:5156/singpass/v3/fapi');
    expect(config.clients.size).toBe(0);
    const resolved = config.singpassClients.get('spClient');
    expect(resolved?.appType).toBe('login');
    expect([...(resolved?.scopes ?? [])]).toEqual(['openid', 'user.identity', 'name']);
    expect(config.singpass).toEqual({
      requireAssertionTyp: false,
      requireDpopExp: false,
      issParameter: true,
      dpopKeyMismatchError: 'invalid_grant',
    });
  });
  it('refuses a Login app asking for a Myinfo scope, and a Myinfo app asking for a Login-only scope', () => {
    const text = problems(
      { ...client, scopes: ['openid', 'uinfin'] },
      { ...client, id: 'b', appType: 'myinfo', scopes: ['openid', 'user.identity'] },
    );
    expect(text).toContain('clients.0.scopes.1: uinfin is not a scope a Singpass login app may register');
    expect(text).toContain(
      'clients.1.scopes.1: user.identity is not a scope a Singpass myinfo app may register',
    );
  });
  it('needs exactly one of jwks and jwksUri', () => {
    expect(problems({ ...client, jwks: undefined })).toContain('exactly one of jwks and jwksUri');
    expect(problems({ ...client, jwksUri: 'https://rp.example/jwks' })).toContain(
      'exactly one of jwks and jwksUri',
    );
  });
  it('reports every JWKS problem: kty, curve, d, duplicate kid, enc alg, missing sig', () => {
    const [sig, enc] = TEST_CLIENT_JWKS.keys;
    const text = problems({
      ...client,
      jwks: {
        keys: [
          { ...enc, kty: 'RSA' },
          { ...enc, crv: 'secp256k1', kid: 'e2' },
          { ...enc, d: 'private', kid: 'e3' },
          { ...enc, alg: 'ECDH-ES' },
        ],
      },
    });
    expect(text).toContain('kty must be EC');
    expect(text).toContain('crv must be P-256, P-384 or P-521');
    expect(text).toContain('must be a public key');
    expect(text).toContain(`kid ${enc?.kid} is not unique`);
    expect(text).toContain('an enc key needs alg');
    expect(text).toContain('needs at least one key with use "sig"');
    expect(sig).toBeDefined();
  });
  it('refuses a client id used by an sgID and a Singpass client', () => {
    const sgid = {
      id: 'spClient',
      secret: 's'.repeat(32),
      name: 'A',
      redirectUris: ['http://localhost/cb'],
      scopes: [],
      publicKey: 'x',
    };
    expect(problems(sgid, client)).toContain('duplicate client id spClient');
  });
  it('refuses unknown keys, loa:1 in acrValues and context types on a Myinfo app', () => {
    const text = problems(
      { ...client, jwksUrl: 'typo' },
      { ...client, id: 'b', acrValues: ['urn:singpass:authentication:loa:1'] },
      {
        ...client,
        id: 'c',
        appType: 'myinfo',
        scopes: ['openid'],
        contextTypes: ['APP_AUTHENTICATION_DEFAULT'],
      },
    );
    expect(text).toContain('jwksUrl');
    expect(text).toContain('clients.1.acrValues.0');
    expect(text).toContain('context types are for Login apps only');
  });
  it('accepts a configured SFA persona with a foreign identity', () => {
    const config = parseEmulatorConfig({
      publicUrl: 'http://127.0.0.1:5156',
      clients: [client],
      personas: [
        { nric: 'F8123456Q', foreignAccount: { identityNumber: 'X1234567', identityCoi: 'MY' }, data: {} },
      ],
    });
    expect(config.personas[0]?.foreignAccount).toEqual({ identityNumber: 'X1234567', identityCoi: 'MY' });
  });
});
