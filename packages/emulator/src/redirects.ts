/**
 * Building the redirects back to the client (RFC 6749 §4.1.2, §4.1.2.1): parameters are added to the
 * registered redirect_uri's own query, `state` is echoed exactly and omitted when absent (never the
 * literal "undefined", a MockPass bug), and descriptions keep to the characters RFC 6749 allows.
 */
import type { OAuthErrorName } from './errors';

/** `redirect_uri?code=…&state=…` (+ `iss`, RFC 9207, when the provider sends it: Singpass). */
export function buildCodeRedirect(
  redirectUri: string,
  code: string,
  state: string | undefined,
  issuer?: string,
): string {
  const url = new URL(redirectUri);
  url.searchParams.append('code', code);
  if (state !== undefined) url.searchParams.append('state', state);
  if (issuer !== undefined) url.searchParams.append('iss', issuer);
  return url.href;
}

/** `redirect_uri?error=…&error_description=…&state=…`. */
export function buildErrorRedirect(
  redirectUri: string,
  error: OAuthErrorName,
  description: string,
  state: string | undefined,
  issuer?: string,
): string {
  const url = new URL(redirectUri);
  url.searchParams.append('error', error);
  // RFC 6749 §4.1.2.1: error_description is %x20-21 / %x23-5B / %x5D-7E.
  url.searchParams.append('error_description', description.replace(/[^\x20\x21\x23-\x5B\x5D-\x7E]/g, ' '));
  if (state !== undefined) url.searchParams.append('state', state);
  if (issuer !== undefined) url.searchParams.append('iss', issuer);
  return url.href;
}
