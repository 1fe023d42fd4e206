/**
 * sgID's userinfo encryption, exactly (SGID-PROTOCOL.md §6): per response a fresh 128-bit AES key as the
 * JWK `{kty:'oct',alg:'A128GCM',k}`; `key` = that JWK's JSON as a compact JWE (RSA-OAEP-256 + A256GCM)
 * to the client's registered public key; each data value = a compact JWE (A128GCMKW + A128GCM) of the
 * value string under that key. The `unexpected-jwe-alg` and `malformed-jwe` faults change this on purpose.
 */
import { type KeyObject, randomBytes } from 'node:crypto';
import { MOCKPASS_JWE_ALGS, SGID_JWE_ALGS } from '@sgid-bff/protocol';
import { CompactEncrypt } from 'jose';

const encoder = new TextEncoder();

export interface EncryptedUserinfo {
  key: string;
  data: Record<string, string>;
}

export type EncryptionMode = 'sgid' | 'unexpected-alg' | 'malformed';

function encrypt(plaintext: string, alg: string, enc: string, key: KeyObject | Uint8Array): Promise<string> {
  return new CompactEncrypt(encoder.encode(plaintext)).setProtectedHeader({ alg, enc }).encrypt(key);
}

/** Drop the authentication tag: still five dot-separated parts, but no decryptor may accept it. */
function malform(jwe: string): string {
  return `${jwe.slice(0, jwe.lastIndexOf('.'))}.`;
}

/** Encrypt the values of one userinfo response to `clientKey`. */
export async function encryptUserinfo(
  clientKey: KeyObject,
  values: Readonly<Record<string, string>>,
  mode: EncryptionMode = 'sgid',
): Promise<EncryptedUserinfo> {
  // MockPass's algorithms (RSA-OAEP + A128CBC-HS256; dir + A256GCM with a 256-bit key) stand in for
  // "unexpected": a relying party pinning sgID's algorithms must refuse them.
  const algs = mode === 'unexpected-alg' ? MOCKPASS_JWE_ALGS : SGID_JWE_ALGS;
  const payloadKey = randomBytes(mode === 'unexpected-alg' ? 32 : 16);
  const jwk = {
    kty: 'oct',
    alg: mode === 'unexpected-alg' ? 'A256GCM' : 'A128GCM',
    k: payloadKey.toString('base64url'),
  };
  const [key, ...fields] = await Promise.all([
    encrypt(JSON.stringify(jwk), algs.keyAlg, algs.keyEnc, clientKey),
    ...Object.values(values).map((value) => encrypt(value, algs.fieldAlg, algs.fieldEnc, payloadKey)),
  ]);
  const data: Record<string, string> = {};
  Object.keys(values).forEach((scope, index) => {
    const jwe = fields[index] ?? '';
    data[scope] = mode === 'malformed' ? malform(jwe) : jwe;
  });
  return { key: key ?? '', data };
}
