/** Unguessable identifiers (codes, tokens, login request ids) from the CSPRNG, base64url. */
import { randomBytes } from 'node:crypto';

/** A random identifier of `bytes` bytes (default 32 = 256 bits; never below 16 = 128 bits). */
export function createRandomId(bytes = 32): string {
  return randomBytes(Math.max(bytes, 16)).toString('base64url');
}
