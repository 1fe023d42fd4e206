/**
 * Token `code_verifier` (§4.7; §8.2 row 19; RFC 7636 §4.6):
 * - required, 43–128 of `[A-Za-z0-9-_]` — Singpass's charset, narrower than RFC 7636 (no `.` or `~`)
 *   → else `invalid_request`;
 * - BASE64URL(SHA-256(verifier)) = the PAR `code_challenge`, in constant time → else `invalid_grant`.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { type Params, requireParam } from '../../checks/read-param';
import { EmulatorError } from '../../errors';

const VERIFIER = /^[A-Za-z0-9\-_]{43,128}$/;

export function checkSingpassVerifier(params: Params, challenge: string): void {
  const verifier = requireParam(params, 'code_verifier');
  if (!VERIFIER.test(verifier)) {
    throw new EmulatorError('EMU_INVALID_REQUEST', {
      description: 'code_verifier must be 43-128 of A-Z a-z 0-9 - _',
    });
  }
  const actual = Buffer.from(createHash('sha256').update(verifier).digest('base64url'));
  const expected = Buffer.from(challenge);
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) {
    throw new EmulatorError('EMU_INVALID_GRANT', {
      description: 'code_verifier does not match the code_challenge',
    });
  }
}
