/**
 * A FAPI provider's own ES256 signing key (one per provider: Singpass, Corppass) (ID tokens, userinfo, access tokens; §4.9, §8.2 row 22).
 * Kept apart from sgID's RS256 key: each provider publishes its own JWKS. With a data directory it is
 * persisted beside sgID's key (mode 0600) so relying parties' cached JWKS stay valid across restarts.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { calculateJwkThumbprint, exportJWK, type JWK } from 'jose';

export interface OpSigningKey {
  readonly privateKey: KeyObject;
  /** For verifying our own access tokens at userinfo. */
  readonly publicKey: KeyObject;
  readonly kid: string;
  /** As published: `kty`, `crv`, `x`, `y`, `kid`, `use: sig`, `alg: ES256`. */
  readonly publicJwk: Readonly<JWK>;
}

const DEFAULT_KEY_FILE = 'singpass-signing-key.pem';

async function describe(privateKey: KeyObject): Promise<OpSigningKey> {
  const jwk = await exportJWK(createPublicKey(privateKey));
  const kid = await calculateJwkThumbprint(jwk);
  return {
    privateKey,
    publicKey: createPublicKey(privateKey),
    kid,
    publicJwk: Object.freeze({
      kty: jwk.kty,
      crv: jwk.crv,
      x: jwk.x,
      y: jwk.y,
      kid,
      use: 'sig',
      alg: 'ES256',
    }),
  };
}

function generate(): KeyObject {
  return generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
}

/** An in-memory key, or the one saved in `dataDir` (created on first use). */
export async function loadOrCreateOpSigningKey(
  dataDir: string | undefined,
  keyFile = DEFAULT_KEY_FILE,
): Promise<OpSigningKey> {
  if (dataDir === undefined) return describe(generate());
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const file = path.join(dataDir, keyFile);
  let pem: string | undefined;
  try {
    pem = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  if (pem !== undefined) return describe(createPrivateKey(pem));
  const key = generate();
  await writeFile(file, key.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  return describe(key);
}
