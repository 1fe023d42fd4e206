/**
 * Opaque identifiers: session ids, state, nonce, PKCE verifiers and transaction bindings are 256 bits from
 * the injected CSPRNG, base64url (43 characters). The store keys on a SHA-256 hash of them, so a dump of
 * the store cannot be replayed as cookies or callbacks.
 */
import { createHash, hash, timingSafeEqual } from 'node:crypto';

/** Source of random bytes; `crypto.randomBytes` in production, deterministic in some tests. */
export type RandomBytes = (size: number) => Uint8Array;

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** A fresh 256-bit random token, base64url without padding. */
export function createToken(random: RandomBytes): string {
  return Buffer.from(random(32)).toString('base64url');
}

/** True for something shaped like a token this BFF issued (cheap pre-check before any store call). */
export function isTokenShaped(value: string): boolean {
  return TOKEN_PATTERN.test(value);
}

/** The store key for a token: SHA-256, base64url (one-shot `crypto.hash`: no Hash object per request). */
export function hashToken(token: string): string {
  return hash('sha256', token, 'base64url');
}

/** PKCE S256 challenge of a verifier (RFC 7636 §4.2). */
export function computeCodeChallenge(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

/** Constant-time string comparison for values of possibly different length. */
export function equalsConstantTime(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
