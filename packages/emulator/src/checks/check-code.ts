/**
 * Token: the authorization code (SGID-PROTOCOL.md §3.2, §11; RFC 6749 §4.1.2, §4.1.3).
 * - `code` missing → `invalid_request`; unknown or expired (60 s by default) → `invalid_grant`.
 * - already redeemed → `invalid_grant`, and the access token it produced is revoked.
 * - issued to another client → `invalid_grant` (the code is left alone: the caller does not own it).
 * - `redirect_uri` missing → `invalid_request`; not the one used at authorize → `invalid_grant`.
 */
import type { RegisteredClient } from '../config/emulator-config';
import { EmulatorError } from '../errors';
import type { CodeGrant, GrantStore } from '../state/grants';
import { type Params, requireParam } from './read-param';

export interface LiveCode {
  code: string;
  grant: CodeGrant;
}

/** Find the code and check it is live and bound to this client and redirect_uri. */
export function checkCode(grants: GrantStore, client: RegisteredClient, params: Params): LiveCode {
  const code = requireParam(params, 'code');
  const grant = grants.findCode(code);
  if (grant === undefined) {
    throw new EmulatorError('EMU_INVALID_GRANT', { description: 'the code is invalid or expired' });
  }
  if (grant.params.clientId !== client.id) {
    throw new EmulatorError('EMU_INVALID_GRANT', { description: 'the code was issued to another client' });
  }
  if (grant.redeemedFor !== undefined) {
    grants.revokeAccessToken(grant.redeemedFor);
    throw new EmulatorError('EMU_INVALID_GRANT', {
      description: 'the code has already been used; the access token issued for it is revoked',
    });
  }
  const redirectUri = requireParam(params, 'redirect_uri');
  if (redirectUri !== grant.params.redirectUri) {
    throw new EmulatorError('EMU_INVALID_GRANT', {
      description: 'redirect_uri does not match the one used at authorize',
    });
  }
  return { code, grant };
}
