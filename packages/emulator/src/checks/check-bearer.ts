/**
 * Userinfo: the bearer token (SGID-PROTOCOL.md §3.3; RFC 6750 §2.1, §3.1).
 * - no `Authorization: Bearer` header → 401 `invalid_token` (a token in the query or body is not read:
 *   sgID takes the header only).
 * - a malformed header (other scheme, bad characters) → 401 `invalid_token`.
 * - unknown, revoked or expired token → 401 `invalid_token`.
 * The route adds `WWW-Authenticate: Bearer error="invalid_token", error_description="..."`.
 */
import { EmulatorError } from '../errors';
import type { GrantStore, TokenGrant } from '../state/grants';

// RFC 6750 §2.1: b64token = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="
const BEARER = /^Bearer ([A-Za-z0-9\-._~+/]+=*)$/i;

export function checkBearer(grants: GrantStore, authorization: string | undefined): TokenGrant {
  if (authorization === undefined || authorization === '') {
    throw new EmulatorError('EMU_INVALID_TOKEN', { description: 'missing bearer token' });
  }
  const match = BEARER.exec(authorization);
  const token = match?.[1];
  if (token === undefined) {
    throw new EmulatorError('EMU_INVALID_TOKEN', {
      description: 'the Authorization header is not a bearer token',
    });
  }
  const grant = grants.findAccessToken(token);
  if (grant === undefined) {
    throw new EmulatorError('EMU_INVALID_TOKEN', { description: 'the access token is invalid or expired' });
  }
  return grant;
}
