import { CompactEncrypt } from 'jose';
import { describe, expect, it } from 'vitest';
import { encryptTo, makeClientJwks, makeEcJwk, signAsOp } from '../../../test/support/singpass-fixtures';
import { readClientKeys } from './client-keys';
import { decryptJwe, JweRejected } from './decrypt-jwe';

const jwks = makeClientJwks();
const keys = readClientKeys(jwks).encryption;
const [, , encNew, encOld] = jwks;
if (!encNew || !encOld) throw new Error('fixture');

async function reason(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'accepted';
  } catch (error) {
    return error instanceof JweRejected ? error.reason : String(error);
  }
}

describe('decryptJwe', () => {
  it('decrypts with whichever enc key the kid names (rotation)', async () => {
    await expect(decryptJwe(await encryptTo('to-new', encNew), keys)).resolves.toBe('to-new');
    await expect(decryptJwe(await encryptTo('to-old', encOld), keys)).resolves.toBe('to-old');
  });

  it("accepts Corppass's userinfo header: typ JWE, no cty (SINGPASS-CORPPASS-FAPI.md §4.10)", async () => {
    const { d: _d, alg: _alg, use: _use, ...publicJwk } = encNew;
    const jwe = await new CompactEncrypt(new TextEncoder().encode('corppass'))
      .setProtectedHeader({ alg: 'ECDH-ES+A256KW', enc: 'A256GCM', typ: 'JWE', kid: encNew.kid ?? '' })
      .encrypt(publicJwk);
    await expect(decryptJwe(jwe, keys)).resolves.toBe('corppass');
  });

  it('accepts the three ECDH-ES key wraps with A256CBC-HS512 and A256GCM', async () => {
    for (const alg of ['ECDH-ES+A128KW', 'ECDH-ES+A192KW', 'ECDH-ES+A256KW'])
      for (const enc of ['A256CBC-HS512', 'A256GCM'])
        await expect(decryptJwe(await encryptTo('ok', encNew, { alg, enc }), keys)).resolves.toBe('ok');
  });

  it('rejects other algorithms before decrypting', async () => {
    for (const [alg, enc] of [
      ['ECDH-ES', 'A256GCM'],
      ['ECDH-ES+A256KW', 'A128GCM'],
      ['ECDH-ES+A256KW', 'A128CBC-HS256'],
    ] as const)
      expect(await reason(decryptJwe(await encryptTo('x', encNew, { alg, enc }), keys))).toBe('alg-rejected');
  });

  it('refuses a bare JWS, never treating it as decrypted', async () => {
    expect(await reason(decryptJwe(await signAsOp({ sub: 'x' }), keys))).toBe('not-encrypted');
    expect(await reason(decryptJwe('a.b', keys))).toBe('not-encrypted');
  });

  it('refuses a missing or unknown kid, a key that is not ours and a tampered ciphertext', async () => {
    expect(await reason(decryptJwe(await encryptTo('x', encNew, { kid: null }), keys))).toBe('unknown-key');
    expect(await reason(decryptJwe(await encryptTo('x', encNew, { kid: 'other' }), keys))).toBe(
      'unknown-key',
    );
    const stranger = makeEcJwk('enc-2026', 'enc', 'ECDH-ES+A256KW');
    expect(await reason(decryptJwe(await encryptTo('x', stranger), keys))).toBe('decrypt-failed');
    const parts = (await encryptTo('secret', encNew)).split('.');
    const ciphertext = parts[3] ?? '';
    parts[3] = `${ciphertext.slice(0, -2)}${ciphertext.endsWith('AA') ? 'BB' : 'AA'}`;
    expect(await reason(decryptJwe(parts.join('.'), keys))).toBe('decrypt-failed');
  });
});
