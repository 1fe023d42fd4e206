/**
 * The user's answer, from the app's Approve/Decline buttons or from auto-approve: approving issues a
 * code bound to the authorize parameters and the persona; declining, a QR that expired and a login
 * cancelled on the QR page all send `access_denied` (RFC 6749 §4.1.2.1), told apart by their
 * `error_description` (docs/emulator.md; the BFF reads them in login/read-provider-outcome.ts).
 */
import type { EmulatorContext } from './context';
import { buildCodeRedirect, buildErrorRedirect } from './redirects';
import type { AuthorizationParams } from './state/login-requests';

/** Issue a code for `nric` (Corppass: acting for `entityId`) and answer the redirect that carries it. */
export function approveLogin(
  context: EmulatorContext,
  params: AuthorizationParams,
  nric: string,
  entityId?: string,
): string {
  const code =
    params.provider === undefined
      ? context.grants.issueCode(params, nric, context.config.codeTtlMs)
      : params.provider.issueCode(nric, entityId);
  return buildCodeRedirect(params.redirectUri, code, params.state, params.issuer);
}

/** The `error_description` of each `access_denied` redirect: part of the contract with relying parties. */
export const ACCESS_DENIED_DESCRIPTIONS = {
  declined: 'The user declined the request',
  expired: 'The QR code expired before the user answered',
  cancelled: 'The user cancelled the login',
} as const;

export function declineLogin(params: AuthorizationParams): string {
  return buildErrorRedirect(
    params.redirectUri,
    'access_denied',
    ACCESS_DENIED_DESCRIPTIONS.declined,
    params.state,
    params.issuer,
  );
}

export function expiredLoginRedirect(params: AuthorizationParams): string {
  return buildErrorRedirect(
    params.redirectUri,
    'access_denied',
    ACCESS_DENIED_DESCRIPTIONS.expired,
    params.state,
    params.issuer,
  );
}

export function cancelledLoginRedirect(params: AuthorizationParams): string {
  return buildErrorRedirect(
    params.redirectUri,
    'access_denied',
    ACCESS_DENIED_DESCRIPTIONS.cancelled,
    params.state,
    params.issuer,
  );
}
