/**
 * The sgID authorization request (SGID-PROTOCOL.md §3.1): code flow, PKCE S256, nonce and state always
 * sent. Parameter order follows the official SDK's so logs and tests compare easily.
 */
import { SGID_PATHS } from '@sgid-bff/protocol';

export interface AuthorizationRequest {
  clientId: string;
  redirectUri: string;
  scopes: readonly string[];
  state: string;
  nonce: string;
  codeChallenge: string;
}

export function buildAuthorizationUrl(origin: string, request: AuthorizationRequest): string {
  const params = new URLSearchParams({
    client_id: request.clientId,
    scope: request.scopes.join(' '),
    response_type: 'code',
    redirect_uri: request.redirectUri,
    nonce: request.nonce,
    state: request.state,
    code_challenge: request.codeChallenge,
    code_challenge_method: 'S256',
  });
  return `${origin}${SGID_PATHS.authorize}?${params}`;
}
