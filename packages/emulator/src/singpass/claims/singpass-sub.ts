/**
 * The Singpass `sub` (§4.9): a UUID, stable per person and — as the emulator chooses, like sgID's pairwise
 * `sub` — different at each client, so tests cannot correlate users across apps by accident. Derived by
 * HMAC-SHA256 over (client id, NRIC) with the persisted per-emulator secret, formatted as a version-4
 * variant-1 UUID (the shape RPs validate).
 */
import { createHmac } from 'node:crypto';

export function deriveSingpassSub(secret: Buffer, clientId: string, nric: string): string {
  const bytes = createHmac('sha256', secret)
    .update(`singpass\u0000${clientId}\u0000${nric}`)
    .digest()
    .subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
