/**
 * The public handle of a session in "your sessions": derived from the store key (itself a hash of the
 * cookie) by a second, domain-separated hash, truncated to 128 bits. Stable, opaque, and useless for
 * anything but naming a session to its own user: it reveals neither the cookie nor the store key.
 * Also the form a session takes in logs.
 */
import { createHash } from 'node:crypto';

const HANDLE_PATTERN = /^[A-Za-z0-9_-]{22}$/;

export function toSessionHandle(idHash: string): string {
  return createHash('sha256').update(`sgid-bff session handle\0${idHash}`).digest('base64url').slice(0, 22);
}

export function isSessionHandle(value: string): boolean {
  return HANDLE_PATTERN.test(value);
}
