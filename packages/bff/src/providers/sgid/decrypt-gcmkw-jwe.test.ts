import { randomBytes } from 'node:crypto';
import { CompactEncrypt } from 'jose';
import { describe, expect, it } from 'vitest';
import { decryptGcmKwJwe, importGcmKwKey } from './decrypt-gcmkw-jwe';

const keyBytes = new Uint8Array(randomBytes(16));
const key = importGcmKwKey(keyBytes);
const text = 'TAN HENG HUAT — 陈 🇸🇬';

async function encrypt(
  plaintext: string,
  header: Record<string, unknown> = { alg: 'A128GCMKW', enc: 'A128GCM' },
  k: Uint8Array = keyBytes,
): Promise<string> {
  return new CompactEncrypt(new TextEncoder().encode(plaintext))
    .setProtectedHeader(header as { alg: string; enc: string })
    .encrypt(k);
}

/** Replace one part of a compact JWE. */
function withPart(jwe: string, index: number, value: string): string {
  const parts = jwe.split('.');
  parts[index] = value;
  return parts.join('.');
}

function flipFirstChar(part: string): string {
  return (part[0] === 'A' ? 'B' : 'A') + part.slice(1);
}

function reheader(jwe: string, change: (h: Record<string, unknown>) => void): string {
  const header = JSON.parse(Buffer.from(jwe.split('.')[0] ?? '', 'base64url').toString()) as Record<
    string,
    unknown
  >;
  change(header);
  return withPart(jwe, 0, Buffer.from(JSON.stringify(header)).toString('base64url'));
}

describe('A128GCMKW/A128GCM field decryption with node:crypto', () => {
  it('decrypts what jose encrypts, byte for byte', async () => {
    for (const plaintext of [text, '', 'x'.repeat(5000)]) {
      const jwe = await encrypt(plaintext);
      expect(decryptGcmKwJwe(jwe, key).toString('utf8')).toBe(plaintext);
    }
  });

  it('accepts a kid and other unprocessed header members, as jose does', async () => {
    const jwe = await encrypt(text, { alg: 'A128GCMKW', enc: 'A128GCM', kid: 'k1', cty: 'text/plain' });
    expect(decryptGcmKwJwe(jwe, key).toString('utf8')).toBe(text);
  });

  it('refuses a JWE made with another key', async () => {
    const jwe = await encrypt(text, undefined, new Uint8Array(randomBytes(16)));
    expect(() => decryptGcmKwJwe(jwe, key)).toThrow();
  });

  it('refuses any tampered part: header, wrapped key, IV, ciphertext or tag', async () => {
    const jwe = await encrypt(text);
    for (const index of [1, 2, 3, 4]) {
      const part = jwe.split('.')[index] ?? '';
      expect(() => decryptGcmKwJwe(withPart(jwe, index, flipFirstChar(part)), key)).toThrow();
    }
    // A header change that keeps the algorithms still breaks the AAD.
    expect(() =>
      decryptGcmKwJwe(
        reheader(jwe, (h) => Object.assign(h, { kid: 'x' })),
        key,
      ),
    ).toThrow();
    // So does the wrapped key's own tag or IV in the header.
    expect(() =>
      decryptGcmKwJwe(
        reheader(jwe, (h) => Object.assign(h, { tag: flipFirstChar(String(h.tag)) })),
        key,
      ),
    ).toThrow();
  });

  it('refuses other algorithms, even ones jose would decrypt with the same key', async () => {
    const a128kw = await encrypt(text, { alg: 'A128KW', enc: 'A128GCM' });
    const cbc = await encrypt(text, { alg: 'A128GCMKW', enc: 'A128CBC-HS256' });
    const dir = await encrypt(text, { alg: 'dir', enc: 'A128GCM' });
    for (const jwe of [a128kw, cbc, dir]) expect(() => decryptGcmKwJwe(jwe, key)).toThrow(/algorithms/);
  });

  it('refuses zip and crit headers', async () => {
    const jwe = await encrypt(text);
    expect(() =>
      decryptGcmKwJwe(
        reheader(jwe, (h) => Object.assign(h, { zip: 'DEF' })),
        key,
      ),
    ).toThrow(/zip/);
    expect(() =>
      decryptGcmKwJwe(
        reheader(jwe, (h) => Object.assign(h, { crit: ['exp'], exp: 1 })),
        key,
      ),
    ).toThrow(/crit/);
  });

  it('refuses malformed input: part count, base64url, IV and tag lengths, header shape', async () => {
    const jwe = await encrypt(text);
    const parts = jwe.split('.');
    expect(() => decryptGcmKwJwe(parts.slice(0, 4).join('.'), key)).toThrow(/compact/);
    expect(() => decryptGcmKwJwe(`${jwe}.x`, key)).toThrow(/compact/);
    expect(() => decryptGcmKwJwe(withPart(jwe, 3, `${parts[3]}+`), key)).toThrow(/base64url/);
    expect(() => decryptGcmKwJwe(withPart(jwe, 2, Buffer.alloc(16).toString('base64url')), key)).toThrow(
      /IV/,
    );
    expect(() => decryptGcmKwJwe(withPart(jwe, 4, Buffer.alloc(12).toString('base64url')), key)).toThrow(
      /tag/,
    );
    expect(() =>
      decryptGcmKwJwe(
        reheader(jwe, (h) => Object.assign(h, { iv: 'AAAA' })),
        key,
      ),
    ).toThrow(/IV/);
    expect(() =>
      decryptGcmKwJwe(
        reheader(jwe, (h) => delete h.tag),
        key,
      ),
    ).toThrow(/tag/);
    expect(() => decryptGcmKwJwe(withPart(jwe, 0, Buffer.from('[1]').toString('base64url')), key)).toThrow(
      /object/,
    );
  });

  it('needs a 16-byte payload key', () => {
    expect(() => importGcmKwKey(new Uint8Array(32))).toThrow(/16-byte/);
  });
});
