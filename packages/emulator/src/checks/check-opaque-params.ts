/**
 * Authorize: `state` and `nonce` are opaque and optional (SGID-PROTOCOL.md §3.1, §4), but must be sane.
 * - repeated → `invalid_request` (RFC 6749 §3.1).
 * - `state` must be visible ASCII, VSCHAR (RFC 6749 Appendix A.5); `nonce` likewise → `invalid_request`.
 * - longer than 2048 characters → `invalid_request` (a bound on what the emulator stores and echoes).
 */
import { EmulatorError } from '../errors';
import { type Params, readParam } from './read-param';

const VSCHAR = /^[\x20-\x7E]+$/;
const MAX_LENGTH = 2048;

function checkOpaque(params: Params, name: 'state' | 'nonce'): string | undefined {
  const value = readParam(params, name);
  if (value === undefined) return undefined;
  if (value.length > MAX_LENGTH || !VSCHAR.test(value)) {
    throw new EmulatorError('EMU_INVALID_REQUEST', {
      description: `${name} must be at most ${MAX_LENGTH} visible ASCII characters`,
    });
  }
  return value;
}

/** The request's `state`, read before any other check so that error redirects can echo it. */
export function checkState(params: Params): string | undefined {
  return checkOpaque(params, 'state');
}

export function checkNonce(params: Params): string | undefined {
  return checkOpaque(params, 'nonce');
}
