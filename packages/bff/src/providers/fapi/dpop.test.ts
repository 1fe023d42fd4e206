import { createHash } from 'node:crypto';
import { calculateJwkThumbprint, compactVerify, decodeJwt, decodeProtectedHeader, type JWK } from 'jose';
import { describe, expect, it } from 'vitest';
import { createDpopProof, dpopThumbprint, generateDpopKey, readDpopKey } from './dpop';

const now = Date.UTC(2026, 5, 1, 8, 0, 0);

describe('DPoP', () => {
  it('makes a new P-256 key for every login', async () => {
    const first = readDpopKey(generateDpopKey());
    const second = readDpopKey(generateDpopKey());
    if (!first || !second) throw new Error('keys do not read back');
    expect(await dpopThumbprint(first)).not.toBe(await dpopThumbprint(second));
    expect(first.publicJwk).not.toHaveProperty('d');
  });

  it('reads back only a private P-256 JWK from the transaction', () => {
    const stored = generateDpopKey();
    expect(readDpopKey(stored)).toBeDefined();
    for (const bad of [
      undefined,
      null,
      'x',
      { ...stored, d: undefined },
      { ...stored, crv: 'P-384' },
      { ...stored, x: 'AAAA' },
    ])
      expect(readDpopKey(bad)).toBeUndefined();
  });

  it('proofs carry typ, the public jwk, htm, htu without query, iat, exp = iat + 60 and a fresh jti', async () => {
    const key = readDpopKey(generateDpopKey());
    if (!key) throw new Error('no key');
    const proof = await createDpopProof({
      key,
      htm: 'POST',
      htu: 'https://id.example/fapi/token?x=1#f',
      now,
    });
    const header = decodeProtectedHeader(proof);
    expect(header).toMatchObject({ typ: 'dpop+jwt', alg: 'ES256' });
    expect(header.jwk).toEqual(key.publicJwk);
    expect(await calculateJwkThumbprint(header.jwk as JWK)).toBe(await dpopThumbprint(key));
    const claims = decodeJwt(proof);
    expect(claims).toMatchObject({
      htm: 'POST',
      htu: 'https://id.example/fapi/token',
      iat: now / 1000,
      exp: now / 1000 + 60,
    });
    expect(claims).not.toHaveProperty('ath');
    expect(claims).not.toHaveProperty('nonce');
    await expect(compactVerify(proof, header.jwk as JWK)).resolves.toBeDefined();
    const again = await createDpopProof({ key, htm: 'POST', htu: 'https://id.example/fapi/token', now });
    expect(decodeJwt(again).jti).not.toBe(claims.jti);
  });

  it('adds ath for an access token and the server nonce when given', async () => {
    const key = readDpopKey(generateDpopKey());
    if (!key) throw new Error('no key');
    const proof = await createDpopProof({
      key,
      htm: 'GET',
      htu: 'https://id.example/fapi/userinfo',
      now,
      nonce: 'n-1',
      accessToken: 'opaque-token',
    });
    expect(decodeJwt(proof)).toMatchObject({
      htm: 'GET',
      nonce: 'n-1',
      ath: createHash('sha256').update('opaque-token').digest('base64url'),
    });
  });
});
