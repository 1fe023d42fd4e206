/**
 * The user's answer, from the app's Approve/Decline buttons or from auto-approve: approving issues a
 * code bound to the authorize parameters and the persona; declining sends `access_denied`.
 */
import type { EmulatorContext } from './context';
import { buildCodeRedirect, buildErrorRedirect } from './redirects';
import type { AuthorizationParams } from './state/login-requests';

/** Issue a code for `nric` and answer the redirect that carries it. */
export function approveLogin(context: EmulatorContext, params: AuthorizationParams, nric: string): string {
  const code = context.grants.issueCode(params, nric, context.config.codeTtlMs);
  return buildCodeRedirect(params.redirectUri, code, params.state);
}

export function declineLogin(params: AuthorizationParams): string {
  return buildErrorRedirect(
    params.redirectUri,
    'access_denied',
    'The user declined the request',
    params.state,
  );
}

export function expiredLoginRedirect(params: AuthorizationParams): string {
  return buildErrorRedirect(
    params.redirectUri,
    'access_denied',
    'The QR code expired before the user answered',
    params.state,
  );
}
