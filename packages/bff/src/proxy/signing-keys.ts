/**
 * The keys that sign the identity tokens the proxy sends upstream, and the JWKS that publishes them.
 * - `PROXY_SIGNING_KEY`: one or more PEM private keys, EC P-256 (ES256) or RSA of at least 2048 bits
 *   (RS256), read and checked by config/pem-keys.ts. The first signs; all are published, so a new key can
 *   be rolled out (publish it second, then move it first, then drop the old one).
 * - Without it (development only): an EC P-256 key generated once into `DATA_DIR/proxy-signing-key.pem`.
 * Keys are imported once at start-up; `kid` is the RFC 7638 thumbprint.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { calculateJwkThumbprint, exportJWK, type JWK } from 'jose';
import { type SigningAlg, signingAlgOf, splitPemBlocks } from '../config';

export interface SigningKey {
  /** Imported once at start-up; identity-token.ts signs with it through node:crypto. */
  readonly privateKey: KeyObject;
  readonly alg: SigningAlg;
  readonly kid: string;
  readonly publicJwk: JWK;
}

export interface SigningKeys {
  /** The key that signs. */
  readonly active: SigningKey;
  /** `GET /.well-known/jwks.json`, serialised once. */
  readonly jwksJson: string;
}

export const DEV_KEY_FILE = 'proxy-signing-key.pem';

/** Import the configured keys, or load (creating once) the development key in `dataDir`. */
export async function loadSigningKeys(pemText: string | undefined, dataDir: string): Promise<SigningKeys> {
  const pems = splitPemBlocks(pemText ?? readOrCreateDevKey(dataDir));
  const keys: SigningKey[] = [];
  for (const pem of pems) {
    const privateKey = createPrivateKey(pem);
    const alg = signingAlgOf(privateKey);
    if (!alg) throw new Error('unsupported proxy signing key');
    const publicJwk = await exportJWK(createPublicKey(privateKey));
    const kid = await calculateJwkThumbprint(publicJwk);
    keys.push({ privateKey, alg, kid, publicJwk: { ...publicJwk, kid, alg, use: 'sig' } });
  }
  const [active] = keys;
  if (!active) throw new Error('no proxy signing key');
  return { active, jwksJson: JSON.stringify({ keys: keys.map((k) => k.publicJwk) }) };
}

function readOrCreateDevKey(dataDir: string): string {
  const file = path.join(dataDir, DEV_KEY_FILE);
  if (existsSync(file)) return readFileSync(file, 'utf8');
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  // `wx`: if another instance created it first, use theirs rather than overwrite.
  try {
    writeFileSync(file, pem, { mode: 0o600, flag: 'wx' });
    return pem;
  } catch {
    return readFileSync(file, 'utf8');
  }
}
