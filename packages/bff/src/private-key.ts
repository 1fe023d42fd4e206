/**
 * The client's RSA private key, as config/pem-keys.ts read and checked it (`config.sgid.privateKeyPem`).
 * Imported once at start-up, never per request.
 */
import { createPrivateKey, type KeyObject } from 'node:crypto';

/** Import the PEM once; jose accepts the Node KeyObject for every RSA-OAEP variant. */
export function importPrivateKey(pem: string): KeyObject {
  return createPrivateKey(pem);
}

/** The modulus length in bits, for `sgid-bff doctor`. */
export function getModulusLength(key: KeyObject): number | undefined {
  return key.asymmetricKeyDetails?.modulusLength;
}
