/**
 * sgID's userinfo fields: compact JWEs with `alg` A128GCMKW and `enc` A128GCM (SGID-PROTOCOL.md §6),
 * decrypted with node:crypto's AES-GCM — a few µs each, where WebCrypto through jose queues two thread-pool
 * jobs per field. Only this one pair; every other JWE goes through jose. Rules (RFC 7516 §5.2, RFC 7518
 * §4.7 and §5.3), each failing with an error:
 * - five parts, each strict base64url; the protected header a JSON object whose `alg` and `enc` are exactly
 *   A128GCMKW and A128GCM, with a 96-bit `iv` and a 128-bit `tag`, and neither `zip` nor `crit`;
 * - the content key, unwrapped with AES-128-GCM (header `iv`/`tag`, no AAD), is 16 bytes;
 * - the content: AES-128-GCM with a 96-bit IV, a 128-bit tag, and the encoded protected header as AAD.
 * Tests check it against JWEs made by jose, and that every tampered part is refused.
 */
import { createDecipheriv, createSecretKey, type KeyObject } from 'node:crypto';

const BASE64URL = /^[A-Za-z0-9_-]*$/;

/** The payload key (16 bytes) as a key object, made once per userinfo answer. */
export function importGcmKwKey(bytes: Uint8Array): KeyObject {
  if (bytes.length !== 16) throw new Error(`A128GCMKW needs a 16-byte key, got ${bytes.length}`);
  return createSecretKey(bytes);
}

/** The plaintext of one A128GCMKW/A128GCM compact JWE, or an error. */
export function decryptGcmKwJwe(jwe: string, key: KeyObject): Buffer {
  const parts = jwe.split('.');
  if (parts.length !== 5) throw new Error('not a compact JWE');
  const [encodedHeader, encryptedKey, iv, ciphertext, tag] = parts.map(decodeBase64url) as [
    Buffer,
    Buffer,
    Buffer,
    Buffer,
    Buffer,
  ];
  const header = JSON.parse(encodedHeader.toString('utf8')) as unknown;
  if (typeof header !== 'object' || header === null || Array.isArray(header))
    throw new Error('JWE header is not an object');
  const h = header as Record<string, unknown>;
  if (h.alg !== 'A128GCMKW' || h.enc !== 'A128GCM')
    throw new Error('JWE algorithms are not A128GCMKW/A128GCM');
  if (h.zip !== undefined || h.crit !== undefined) throw new Error('JWE header has zip or crit');
  if (typeof h.iv !== 'string' || typeof h.tag !== 'string') throw new Error('JWE header lacks iv or tag');

  const cek = aes128GcmDecrypt(key, decodeBase64url(h.iv), decodeBase64url(h.tag), encryptedKey);
  if (cek.length !== 16) throw new Error('content key is not 16 bytes');
  return aes128GcmDecrypt(createSecretKey(cek), iv, tag, ciphertext, Buffer.from(parts[0] ?? '', 'ascii'));
}

function aes128GcmDecrypt(key: KeyObject, iv: Buffer, tag: Buffer, data: Buffer, aad?: Buffer): Buffer {
  if (iv.length !== 12) throw new Error('AES-GCM IV is not 96 bits');
  if (tag.length !== 16) throw new Error('AES-GCM tag is not 128 bits');
  const decipher = createDecipheriv('aes-128-gcm', key, iv, { authTagLength: 16 });
  decipher.setAuthTag(tag);
  if (aad) decipher.setAAD(aad);
  return Buffer.concat([decipher.update(data), decipher.final()]);
}

function decodeBase64url(text: string): Buffer {
  if (!BASE64URL.test(text) || text.length % 4 === 1) throw new Error('not base64url');
  return Buffer.from(text, 'base64url');
}
