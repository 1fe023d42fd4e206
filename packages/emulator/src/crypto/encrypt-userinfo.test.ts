import { compactDecrypt, decodeProtectedHeader, importJWK } from 'jose';
import { describe, expect, it } from 'vitest';
import { TEST_PRIVATE_KEY, TEST_PUBLIC_KEY } from '../testing/registered-client';
import { encryptUserinfo } from './encrypt-userinfo';

const decoder = new TextDecoder();
const values = { 'myinfo.name': 'TAN HENG HUAT', 'myinfo.vehicles': '[{"vehicle_number":"SLA1234B"}]' };

describe('encryptUserinfo', () => {
  it('wraps a fresh 128-bit key with RSA-OAEP-256/A256GCM and each value with A128GCMKW/A128GCM', async () => {
    const { key, data } = await encryptUserinfo(TEST_PUBLIC_KEY, values);
    expect(decodeProtectedHeader(key)).toEqual({ alg: 'RSA-OAEP-256', enc: 'A256GCM' });
    const jwk = JSON.parse(decoder.decode((await compactDecrypt(key, TEST_PRIVATE_KEY)).plaintext));
    expect(Object.keys(jwk).sort()).toEqual(['alg', 'k', 'kty']);
    expect(jwk).toMatchObject({ kty: 'oct', alg: 'A128GCM' });
    expect(Buffer.from(jwk.k, 'base64url')).toHaveLength(16);
    const payloadKey = await importJWK(jwk, 'A128GCMKW');
    for (const [scope, value] of Object.entries(values)) {
      const jwe = data[scope] ?? '';
      expect(decodeProtectedHeader(jwe)).toEqual({
        alg: 'A128GCMKW',
        enc: 'A128GCM',
        iv: expect.any(String),
        tag: expect.any(String),
      });
      expect(decoder.decode((await compactDecrypt(jwe, payloadKey)).plaintext)).toBe(value);
    }
  });
  it('uses a different key for every response', async () => {
    const a = await encryptUserinfo(TEST_PUBLIC_KEY, values);
    const b = await encryptUserinfo(TEST_PUBLIC_KEY, values);
    const keyOf = async (jwe: string) =>
      JSON.parse(decoder.decode((await compactDecrypt(jwe, TEST_PRIVATE_KEY)).plaintext)).k;
    expect(await keyOf(a.key)).not.toBe(await keyOf(b.key));
  });
  it('unexpected-alg mode uses MockPass algorithms', async () => {
    const { key, data } = await encryptUserinfo(TEST_PUBLIC_KEY, values, 'unexpected-alg');
    expect(decodeProtectedHeader(key)).toEqual({ alg: 'RSA-OAEP', enc: 'A128CBC-HS256' });
    expect(decodeProtectedHeader(data['myinfo.name'] ?? '')).toEqual({ alg: 'dir', enc: 'A256GCM' });
  });
  it('malformed mode produces values no decryptor accepts', async () => {
    const { key, data } = await encryptUserinfo(TEST_PUBLIC_KEY, values, 'malformed');
    const jwk = JSON.parse(decoder.decode((await compactDecrypt(key, TEST_PRIVATE_KEY)).plaintext));
    await expect(
      compactDecrypt(data['myinfo.name'] ?? '', await importJWK(jwk, 'A128GCMKW')),
    ).rejects.toThrow();
  });
});
