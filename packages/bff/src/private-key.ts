/**
 * The client's RSA private key as the sgID examples supply it: PEM text (PKCS#1 or PKCS#8, literal `\n`
 * escapes allowed, as in env files) or a path to a PEM file. Imported once at start-up, never per request.
 */

import { createPrivateKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { type ParseResult, parsed, rejected } from '@sgid-bff/protocol';

/** Normalise `SGID_PRIVATE_KEY` to PEM text and check that it is an RSA private key. */
export function readPrivateKeyPem(value: string): ParseResult<string> {
  let pem = value.includes('-----BEGIN') ? value.replaceAll('\\n', '\n') : undefined;
  if (pem === undefined) {
    try {
      pem = readFileSync(value.trim(), 'utf8');
    } catch {
      return rejected('is neither PEM text nor a readable file path');
    }
  }
  try {
    const key = createPrivateKey(pem);
    if (key.asymmetricKeyType !== 'rsa') return rejected(`must be an RSA key, got ${key.asymmetricKeyType}`);
    return parsed(pem);
  } catch {
    return rejected('is not a valid PEM private key (PKCS#1 or PKCS#8)');
  }
}

/** Import the PEM once; jose accepts the Node KeyObject for every RSA-OAEP variant. */
export function importPrivateKey(pem: string): KeyObject {
  return createPrivateKey(pem);
}

/** The modulus length in bits, for `sgid-bff doctor`. */
export function getModulusLength(key: KeyObject): number | undefined {
  return key.asymmetricKeyDetails?.modulusLength;
}
