/**
 * Token: only the authorization code grant (SGID-PROTOCOL.md §1, §3.2; RFC 6749 §5.2).
 * - `grant_type` missing → `invalid_request`.
 * - anything else (refresh_token, client_credentials, password, …) → `unsupported_grant_type`.
 */
import { EmulatorError } from '../errors';
import { type Params, requireParam } from './read-param';

export function checkGrantType(params: Params): 'authorization_code' {
  const value = requireParam(params, 'grant_type');
  if (value !== 'authorization_code') {
    throw new EmulatorError('EMU_UNSUPPORTED_GRANT_TYPE', {
      description: 'only grant_type=authorization_code is supported',
    });
  }
  return value;
}
