/**
 * The RP's own keys (SINGPASS-CORPPASS-FAPI.md §3 "Keys", "Rotation"). Rules:
 * - every key is a private EC JWK with a unique `kid`; at least one `use: 'sig'` P-256 key (assertions are
 *   ES256) and at least one `use: 'enc'` key whose `alg` is ECDH-ES+A128KW, +A192KW or +A256KW;
 * - **the newest signing key is the first `sig` key in the list.** Rotation (§3): publish the new key
 *   after the old one, wait an hour for Singpass's cache, then move it to the front; remove the old one
 *   later. The order is the operator's explicit statement, where a date or `kid` convention would be a
 *   guess;
 * - every `enc` key stays usable for decryption, chosen by the JWE's `kid`, so an enc key can be rotated
 *   without a window where tokens encrypted to the old one fail;
 * - the public JWKS (served to Singpass) carries no private part.
 */
import { createPrivateKey, type KeyObject } from 'node:crypto';
import type { JWK } from 'jose';

export const ENC_KEY_ALGS = ['ECDH-ES+A128KW', 'ECDH-ES+A192KW', 'ECDH-ES+A256KW'] as const;
const EC_CURVES = new Set(['P-256', 'P-384', 'P-521']);

export interface SigningKey {
  kid: string;
  key: KeyObject;
}

export interface EncryptionKey {
  kid: string;
  alg: (typeof ENC_KEY_ALGS)[number];
  key: KeyObject;
}

export interface ClientKeys {
  /** The newest signing key: the first `use: 'sig'` key of the list. */
  signing: SigningKey;
  /** Every enc key by `kid`. */
  encryption: ReadonlyMap<string, EncryptionKey>;
  publicJwks: { keys: JWK[] };
}

/** Reads and checks the configured keys; a broken key list is a configuration error, thrown at start-up. */
export function readClientKeys(keys: readonly JWK[]): ClientKeys {
  const signing: SigningKey[] = [];
  const encryption = new Map<string, EncryptionKey>();
  const publicKeys: JWK[] = [];
  const kids = new Set<string>();

  for (const [index, jwk] of keys.entries()) {
    const where = `FAPI key ${index + 1}`;
    if (jwk.kty !== 'EC' || !EC_CURVES.has(jwk.crv ?? '')) throw new TypeError(`${where} is not an EC key`);
    if (typeof jwk.d !== 'string') throw new TypeError(`${where} has no private part (d)`);
    if (typeof jwk.kid !== 'string' || jwk.kid === '') throw new TypeError(`${where} has no kid`);
    if (kids.has(jwk.kid)) throw new TypeError(`${where} repeats kid ${jwk.kid}`);
    kids.add(jwk.kid);
    const key = createPrivateKey({ key: { ...jwk }, format: 'jwk' });
    const { d: _d, key_ops: _ops, ext: _ext, ...publicPart } = jwk;
    if (jwk.use === 'sig') {
      if (jwk.crv !== 'P-256') throw new TypeError(`${where} signs ES256 and must be P-256`);
      signing.push({ kid: jwk.kid, key });
      publicKeys.push({ ...publicPart, alg: 'ES256' });
    } else if (jwk.use === 'enc') {
      const alg = ENC_KEY_ALGS.find((candidate) => candidate === jwk.alg);
      if (!alg) throw new TypeError(`${where} (enc) needs alg ${ENC_KEY_ALGS.join(', ')}`);
      encryption.set(jwk.kid, { kid: jwk.kid, alg, key });
      publicKeys.push(publicPart);
    } else throw new TypeError(`${where} needs use 'sig' or 'enc'`);
  }
  const [newest] = signing;
  if (!newest) throw new TypeError('FAPI keys need at least one sig key');
  if (encryption.size === 0) throw new TypeError('FAPI keys need at least one enc key');
  return { signing: newest, encryption, publicJwks: { keys: publicKeys } };
}
