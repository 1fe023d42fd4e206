/**
 * Token endpoint code (§4.7; §8.2 rows 18, 19):
 * - `grant_type` = `authorization_code` → else `unsupported_grant_type`;
 * - `code` known, unexpired (60 s), issued to this client → else `invalid_grant`;
 * - a code redeemed before → `invalid_grant`, and the access token it produced is revoked (RFC 6749
 *   §4.1.2);
 * - `redirect_uri` present and equal to PAR's → else `invalid_grant`.
 */
import { type Params, readParam, requireParam } from '../../checks/read-param';
import { EmulatorError } from '../../errors';
import type { FapiRegisteredClient } from '../fapi-profile';
import type { FapiStore, SingpassCode } from '../state/fapi-store';

function invalidGrant(description: string): EmulatorError {
  return new EmulatorError('EMU_INVALID_GRANT', { description });
}

export function checkSingpassCode(
  store: FapiStore,
  client: FapiRegisteredClient,
  params: Params,
  now: number,
): { code: string; grant: SingpassCode } {
  if (readParam(params, 'grant_type') !== 'authorization_code')
    throw new EmulatorError('EMU_UNSUPPORTED_GRANT_TYPE');
  const code = requireParam(params, 'code');
  const grant = store.findCode(code);
  if (grant === undefined || grant.params.clientId !== client.id)
    throw invalidGrant('code is unknown or not issued to this client');
  if (grant.redeemedFor !== undefined) {
    store.revokeAccessToken(grant.redeemedFor);
    throw invalidGrant('code has been used; the tokens issued for it are revoked');
  }
  if (now >= grant.expiresAt) throw invalidGrant('code has expired');
  if (readParam(params, 'redirect_uri') !== grant.params.redirectUri)
    throw invalidGrant('redirect_uri differs from the PAR');
  return { code, grant };
}
