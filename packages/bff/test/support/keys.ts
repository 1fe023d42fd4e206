/** Test RSA-2048 key pairs, generated once per test file: the client's (userinfo encryption) and spares. */
import { generateKeyPairSync, type KeyObject } from 'node:crypto';

export interface TestKeyPair {
  publicKey: KeyObject;
  privateKey: KeyObject;
  /** PKCS#8 PEM, as `SGID_PRIVATE_KEY` takes it. */
  privatePem: string;
  /** PKCS#1 PEM, the other format sgID's portal hands out. */
  privatePemPkcs1: string;
  publicPem: string;
}

const cache = new Map<string, TestKeyPair>();

export function getTestKeyPair(name = 'client'): TestKeyPair {
  const found = cache.get(name);
  if (found) return found;
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pair: TestKeyPair = {
    publicKey,
    privateKey,
    privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    privatePemPkcs1: privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
  cache.set(name, pair);
  return pair;
}
