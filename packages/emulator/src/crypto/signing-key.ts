/**
 * The emulator's ID-token signing key (RS256) and the secret behind pairwise `sub` values. Both are
 * created once at start-up and, with a data directory, persisted so that tokens and subjects stay valid
 * across restarts (a relying party caches the JWKS and stores `sub`).
 */
import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  randomBytes,
} from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ID_TOKEN_ALG } from '@sgid-bff/protocol';
import { calculateJwkThumbprint, exportJWK, type JWK } from 'jose';

export interface SigningKey {
  readonly privateKey: KeyObject;
  /** RFC 7638 thumbprint of the public key. */
  readonly kid: string;
  /** The public JWK as published in the JWKS (`use: sig`, `alg: RS256`, `kid`). */
  readonly publicJwk: Readonly<JWK>;
}

export interface EmulatorSecrets {
  readonly signingKey: SigningKey;
  /** HMAC key for pairwise subjects. */
  readonly subSecret: Buffer;
}

const KEY_FILE = 'signing-key.pem';
const SUB_SECRET_FILE = 'sub-secret';

async function readOptional(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

async function describeSigningKey(privateKey: KeyObject): Promise<SigningKey> {
  const jwk = await exportJWK(createPublicKey(privateKey));
  const kid = await calculateJwkThumbprint(jwk);
  return {
    privateKey,
    kid,
    publicJwk: Object.freeze({ kty: jwk.kty, n: jwk.n, e: jwk.e, kid, use: 'sig', alg: ID_TOKEN_ALG }),
  };
}

function generatePrivateKey(): KeyObject {
  return generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
}

/** Fresh in-memory secrets (no data directory): valid until the process ends. */
export async function createEphemeralSecrets(): Promise<EmulatorSecrets> {
  return { signingKey: await describeSigningKey(generatePrivateKey()), subSecret: randomBytes(32) };
}

/** Load the secrets from `dataDir`, creating and saving them (mode 0600) on first use. */
export async function loadOrCreateSecrets(dataDir: string): Promise<EmulatorSecrets> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const keyFile = path.join(dataDir, KEY_FILE);
  const secretFile = path.join(dataDir, SUB_SECRET_FILE);

  let privateKey: KeyObject;
  const pem = await readOptional(keyFile);
  if (pem === undefined) {
    privateKey = generatePrivateKey();
    await writeFile(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  } else {
    privateKey = createPrivateKey(pem);
  }

  let subSecret: Buffer;
  const stored = await readOptional(secretFile);
  if (stored === undefined || stored.trim().length === 0) {
    subSecret = randomBytes(32);
    await writeFile(secretFile, subSecret.toString('base64url'), { mode: 0o600 });
  } else {
    subSecret = Buffer.from(stored.trim(), 'base64url');
  }
  return { signingKey: await describeSigningKey(privateKey), subSecret };
}
