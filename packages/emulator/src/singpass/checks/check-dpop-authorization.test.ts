import { generateKeyPairSync } from 'node:crypto';
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { createFapiStore } from '../state/fapi-store';
import { checkDpopAuthorization } from './check-dpop-authorization';

const NOW = 1_800_000_000;
const ISSUER = 'https://sp.example/fapi';
const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });

async function token(claims: Record<string, unknown> = {}) {
  return new SignJWT({ iss: ISSUER, jti: 't1', iat: NOW, exp: NOW + 1800, cnf: { jkt: 'k' }, ...claims })
    .setProtectedHeader({ alg: 'ES256', typ: 'at+jwt' })
    .sign(privateKey);
}

function setUp() {
  const store = createFapiStore(() => NOW * 1000);
  store.recordAccessToken('t1', {
    clientId: 'c',
    nric: 'S9812381D',
    sub: 'u',
    scopes: [],
    jkt: 'k',
    expiresAt: (NOW + 1800) * 1000,
  });
  return { key: publicKey, issuer: ISSUER, store, now: NOW };
}
const invalidToken = expect.objectContaining({ oauthError: 'invalid_token' });

describe('checkDpopAuthorization', () => {
  it('returns the token, its grant and cnf.jkt', async () => {
    const access = await token();
    await expect(checkDpopAuthorization(`DPoP ${access}`, setUp())).resolves.toMatchObject({
      token: access,
      jkt: 'k',
      grant: { sub: 'u' },
    });
  });
  it('refuses the Bearer scheme and a missing header', async () => {
    await expect(checkDpopAuthorization(`Bearer ${await token()}`, setUp())).rejects.toThrow(invalidToken);
    await expect(checkDpopAuthorization(undefined, setUp())).rejects.toThrow(invalidToken);
  });
  it('refuses an expired token, another issuer and a revoked token', async () => {
    await expect(checkDpopAuthorization(`DPoP ${await token({ exp: NOW - 1 })}`, setUp())).rejects.toThrow(
      invalidToken,
    );
    await expect(
      checkDpopAuthorization(`DPoP ${await token({ iss: 'https://other' })}`, setUp()),
    ).rejects.toThrow(invalidToken);
    const input = setUp();
    input.store.revokeAccessToken('t1');
    await expect(checkDpopAuthorization(`DPoP ${await token()}`, input)).rejects.toThrow(/revoked/);
  });
});
