/**
 * Authorize: only the authorization code flow (SGID-PROTOCOL.md §1, §3.1; RFC 6749 §4.1.1).
 * - `response_type` missing → `invalid_request`.
 * - anything but exactly `code` (token, id_token, hybrids) → `unsupported_response_type`.
 */
import { EmulatorError } from '../errors';
import { type Params, requireParam } from './read-param';

export function checkResponseType(params: Params): 'code' {
  const value = requireParam(params, 'response_type');
  if (value !== 'code') {
    throw new EmulatorError('EMU_UNSUPPORTED_RESPONSE_TYPE', {
      description: 'Only response_type=code is supported.',
    });
  }
  return value;
}
