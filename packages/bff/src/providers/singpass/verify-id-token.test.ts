import { randomUUID } from 'node:crypto';
import type { JWTPayload } from 'jose';
import { describe, expect, it, vi } from 'vitest';
import {
  createFakeSingpass,
  encryptTo,
  idTokenClaims,
  makeClientJwks,
  makeEcJwk,
  publicOf,
  signAsOp,
  TEST_CLIENT_ID,
  TEST_ISSUER,
} from '../../../test/support/singpass-fixtures';
import { readClientKeys } from '../fapi/client-keys';
import { createDiscovery } from '../fapi/discovery';
import { createOpKeys } from '../fapi/op-keys';
import { verifyIdToken } from './verify-id-token';

const jwks = makeClientJwks();
const keys = readClientKeys(jwks);
const encKey = jwks[2];
if (!encKey) throw new Error('fixture');
const now = Date.UTC(2026, 5, 1, 8, 0, 0);
const nonce = 'n0nce-0123456789-0123456789-0123456789abc';

function setup() {
  const op = createFakeSingpass();
  const discovery = createDiscovery({
    issuer: TEST_ISSUER,
    timeoutMs: 1000,
    fetch: op.fetch,
    clock: () => now,
  });
  const opKeys = createOpKeys({ discovery, fetch: op.fetch, timeoutMs: 1000 });
  const verify = (token: string, at = now) =>
    verifyIdToken(token, {
      encryptionKeys: keys.encryption,
      opKeys,
      issuer: TEST_ISSUER,
      clientId: TEST_CLIENT_ID,
      nonce,
      now: at,
      clockToleranceSeconds: 30,
    });
  return { op, verify };
}

const wrap = async (claims: JWTPayload) => encryptTo(await signAsOp(claims), encKey);

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'accepted';
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
}

describe('Singpass ID token', () => {
  it('reads sub, sub_attributes, acr and amr from a valid encrypted token', async () => {
    const { verify } = setup();
    const sub = randomUUID();
    const token = await wrap(
      idTokenClaims(now, nonce, {
        sub,
        sub_attributes: {
          account_type: 'standard',
          identity_number: 'S9812381D',
          identity_coi: 'SG',
          name: 'TAN XIAO HUI',
          email: 'tan@example.com',
          mobileno: '97399245',
          something_new: 'ignored',
        },
      }),
    );
    await expect(verify(token)).resolves.toEqual({
      sub,
      user: {
        accountType: 'standard',
        identityNumber: 'S9812381D',
        identityCoi: 'SG',
        name: 'TAN XIAO HUI',
        email: 'tan@example.com',
        mobileNo: '97399245',
      },
      acr: 'urn:singpass:authentication:loa:2',
      amr: ['pwd', 'otp-sms'],
    });
  });

  it('refuses an unencrypted (bare JWS) token', async () => {
    const { verify } = setup();
    expect(await codeOf(verify(await signAsOp(idTokenClaims(now, nonce))))).toBe(
      'BFF_ID_TOKEN_NOT_ENCRYPTED',
    );
  });

  it('refuses JWE algorithms outside the allowlist, and a token for another key', async () => {
    const { verify } = setup();
    const jws = await signAsOp(idTokenClaims(now, nonce));
    expect(await codeOf(verify(await encryptTo(jws, encKey, { alg: 'ECDH-ES' })))).toBe(
      'BFF_JWE_ALG_REJECTED',
    );
    expect(await codeOf(verify(await encryptTo(jws, encKey, { enc: 'A128GCM' })))).toBe(
      'BFF_JWE_ALG_REJECTED',
    );
    expect(await codeOf(verify(await encryptTo(jws, makeEcJwk('enc-2026', 'enc'))))).toBe(
      'BFF_ID_TOKEN_DECRYPT_FAILED',
    );
    expect(await codeOf(verify(await encryptTo(jws, encKey, { kid: 'nope' })))).toBe(
      'BFF_ID_TOKEN_DECRYPT_FAILED',
    );
  });

  it('accepts only ES256 inside, signed by a key in Singpass JWKS', async () => {
    const { verify } = setup();
    const claims = idTokenClaims(now, nonce);
    const es384 = makeEcJwk('op-sig-1', 'sig', 'ES384', 'P-384');
    expect(
      await codeOf(verify(await encryptTo(await signAsOp(claims, { alg: 'ES384', key: es384 }), encKey))),
    ).toBe('BFF_ID_TOKEN_ALG_REJECTED');
    const impostor = makeEcJwk('op-sig-1', 'sig', 'ES256');
    expect(await codeOf(verify(await encryptTo(await signAsOp(claims, { key: impostor }), encKey)))).toBe(
      'BFF_ID_TOKEN_SIGNATURE_INVALID',
    );
    const signed = (await signAsOp(claims)).split('.');
    const payload = JSON.parse(Buffer.from(signed[1] ?? '', 'base64url').toString());
    signed[1] = Buffer.from(JSON.stringify({ ...payload, sub: 'someone-else' })).toString('base64url');
    expect(await codeOf(verify(await encryptTo(signed.join('.'), encKey)))).toBe(
      'BFF_ID_TOKEN_SIGNATURE_INVALID',
    );
  });

  it('re-fetches Singpass JWKS once for an unknown kid (key rotation)', async () => {
    const { op, verify } = setup();
    await verify(await wrap(idTokenClaims(now, nonce)));
    const rotated = makeEcJwk('op-sig-2', 'sig', 'ES256');
    // jose's key set refetches for an unknown kid at most every 30 s (wall clock): move past that.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 31_000);
    op.setJwks({ keys: [publicOf(rotated)] });
    const token = await encryptTo(await signAsOp(idTokenClaims(now, nonce), { key: rotated }), encKey);
    await expect(verify(token)).resolves.toMatchObject({ acr: expect.any(String) });
    expect(op.requests.filter((r) => r.url.endsWith('/.well-known/keys'))).toHaveLength(2);
    // An unknown kid that is still unknown after the refetch fails without another request.
    const stranger = makeEcJwk('op-sig-3', 'sig', 'ES256');
    const forged = await encryptTo(await signAsOp(idTokenClaims(now, nonce), { key: stranger }), encKey);
    expect(await codeOf(verify(forged))).toBe('BFF_ID_TOKEN_SIGNATURE_INVALID');
    expect(op.requests.filter((r) => r.url.endsWith('/.well-known/keys'))).toHaveLength(2);
    vi.useRealTimers();
  });

  it('checks each claim against the injected clock', async () => {
    const { verify } = setup();
    const iat = now / 1000;
    const cases: Array<[string, JWTPayload, number?]> = [
      ['iss with a trailing slash', { iss: `${TEST_ISSUER}/` }],
      ['iss without /fapi', { iss: 'https://stg-id.singpass.gov.sg' }],
      ['another audience', { aud: 'someone-else' }],
      ['several audiences without azp', { aud: [TEST_CLIENT_ID, 'other'] }],
      ['azp of another client', { azp: 'other' }],
      ['expired beyond the tolerance', { exp: iat - 31 }],
      ['iat in the future', { iat: iat + 31, exp: iat + 600 }],
      ['iat too old', { iat: iat - 700, exp: iat + 600 }],
      ['another nonce', { nonce: 'other' }],
      ['no nonce', { nonce: undefined }],
      ['empty sub', { sub: '' }],
      ['no sub', { sub: undefined }],
      ['malformed sub_attributes', { sub_attributes: 'S9812381D' }],
      ['unknown account_type', { sub_attributes: { account_type: 'corporate' } }],
      ['amr not a list', { amr: 'pwd' }],
    ];
    for (const [name, change] of cases)
      expect(await codeOf(verify(await wrap({ ...idTokenClaims(now, nonce), ...change }))), name).toBe(
        'BFF_ID_TOKEN_INVALID',
      );
    // Within the tolerance both ways, several audiences with our azp, and no sub_attributes at all.
    for (const change of [
      { exp: iat - 29 },
      { iat: iat + 29 },
      { aud: [TEST_CLIENT_ID, 'x'], azp: TEST_CLIENT_ID },
      { sub_attributes: undefined },
    ])
      expect(await codeOf(verify(await wrap({ ...idTokenClaims(now, nonce), ...change })))).toBe('accepted');
    // The same token, later: the clock decides.
    const token = await wrap(idTokenClaims(now, nonce));
    expect(await codeOf(verify(token, now + 629_000))).toBe('accepted');
    expect(await codeOf(verify(token, now + 631_000))).toBe('BFF_ID_TOKEN_INVALID');
  });

  it('maps an unreachable Singpass JWKS to a provider code, not a token failure', async () => {
    const { op, verify } = setup();
    op.setJwks(null);
    expect(await codeOf(verify(await wrap(idTokenClaims(now, nonce))))).toBe('BFF_PROVIDER_UNAVAILABLE');
  });
});
