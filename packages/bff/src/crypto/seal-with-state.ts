/**
 * A provider's per-login secrets (`providerData`: e.g. Singpass's DPoP private key) at rest in the login
 * transaction, readable only by whoever holds the callback's `state`:
 * - the key is HKDF-SHA256 of `state` (256 bits from a CSPRNG, so no salt or stretching is needed); the
 *   store only ever holds `state`'s SHA-256 hash, so a dump of the store cannot open the data;
 * - AES-256-GCM with a fresh 96-bit IV, the provider's name as additional data (a sealed value cannot be
 *   moved to another provider's transaction);
 * - any tampering fails to open (`undefined`), never yields other data.
 */
import { createCipheriv, createDecipheriv, hkdfSync } from 'node:crypto';
import type { RandomBytes } from './tokens';

const INFO = 'sgid-bff login transaction providerData v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

function deriveKey(state: string): Buffer {
  return Buffer.from(hkdfSync('sha256', Buffer.from(state, 'utf8'), Buffer.alloc(0), INFO, 32));
}

/** `JSON.stringify(value)` sealed under `state`, base64url (`iv ‖ ciphertext ‖ tag`). */
export function sealWithState(value: unknown, state: string, context: string, random: RandomBytes): string {
  const iv = Buffer.from(random(IV_BYTES));
  const cipher = createCipheriv('aes-256-gcm', deriveKey(state), iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url');
}

/** The value `sealWithState` sealed, or `undefined` when the state, context or any byte differs. */
export function openWithState(
  sealed: string,
  state: string,
  context: string,
): { value: unknown } | undefined {
  const bytes = Buffer.from(sealed, 'base64url');
  if (bytes.length < IV_BYTES + TAG_BYTES) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', deriveKey(state), bytes.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
    const text = Buffer.concat([
      decipher.update(bytes.subarray(IV_BYTES, bytes.length - TAG_BYTES)),
      decipher.final(),
    ]).toString('utf8');
    return { value: JSON.parse(text) };
  } catch {
    return undefined;
  }
}
