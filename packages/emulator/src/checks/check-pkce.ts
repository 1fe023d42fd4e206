/**
 * PKCE (SGID-PROTOCOL.md §4; RFC 7636 §4.2–4.6), mandatory in sgID v2.
 * Authorize:
 * - `code_challenge_method` missing or anything but `S256` (e.g. `plain`) → `invalid_request`.
 * - `code_challenge` missing or not 43 base64url characters → `invalid_request`.
 * Token:
 * - `code_verifier` missing or not 43–128 unreserved characters → `invalid_request`.
 * - BASE64URL(SHA-256(verifier)) ≠ the bound challenge → `invalid_grant` (compared in constant time).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { PKCE_S256_CHALLENGE_PATTERN, PKCE_VERIFIER_PATTERN } from '@sgid-bff/protocol';
import { EmulatorError } from '../errors';
import { type Params, requireParam } from './read-param';

/** Validate the challenge of an authorize request; returns it. */
export function checkCodeChallenge(params: Params): string {
  const method = requireParam(params, 'code_challenge_method');
  if (method !== 'S256') {
    throw new EmulatorError('EMU_INVALID_REQUEST', { description: 'code_challenge_method must be S256' });
  }
  const challenge = requireParam(params, 'code_challenge');
  if (!PKCE_S256_CHALLENGE_PATTERN.test(challenge)) {
    throw new EmulatorError('EMU_INVALID_REQUEST', {
      description: 'code_challenge must be 43 base64url characters (S256)',
    });
  }
  return challenge;
}

/** The S256 challenge of a verifier. */
export function computeS256Challenge(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

/** Check the token request's verifier against the challenge bound to the code. */
export function checkCodeVerifier(params: Params, boundChallenge: string): void {
  const verifier = requireParam(params, 'code_verifier');
  if (!PKCE_VERIFIER_PATTERN.test(verifier)) {
    throw new EmulatorError('EMU_INVALID_REQUEST', {
      description: 'code_verifier must be 43-128 characters of [A-Za-z0-9-._~]',
    });
  }
  const actual = Buffer.from(computeS256Challenge(verifier));
  const expected = Buffer.from(boundChallenge);
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) {
    throw new EmulatorError('EMU_INVALID_GRANT', {
      description: 'code_verifier does not match the code_challenge',
    });
  }
}
