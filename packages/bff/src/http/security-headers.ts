/**
 * Response headers (SECURITY.md "Headers"):
 * - on every response: `nosniff`, a Referrer-Policy, COOP same-origin, `X-Frame-Options: DENY`, and HSTS
 *   when the public URL is https;
 * - on `/auth/*`: `Cache-Control: no-store` and `Referrer-Policy: no-referrer` (the callback URL holds a
 *   code and a state);
 * - on every HTML page: a CSP with a fresh nonce per response, no `unsafe-inline`, `frame-ancestors 'none'`.
 */
import type { BffConfig } from '../config';

export type HeaderSet = Readonly<Record<string, string>>;

export function buildBaseHeaders(config: BffConfig): { everywhere: HeaderSet; auth: HeaderSet } {
  const everywhere: Record<string, string> = {
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'strict-origin-when-cross-origin',
    'cross-origin-opener-policy': 'same-origin',
    'x-frame-options': 'DENY',
  };
  if (config.https) everywhere['strict-transport-security'] = 'max-age=31536000; includeSubDomains';
  return {
    everywhere,
    auth: { ...everywhere, 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' },
  };
}

/** CSP for the BFF's own pages: nothing but its nonce-tagged style. */
export function buildPageCsp(nonce: string): string {
  return [
    "default-src 'none'",
    `style-src 'nonce-${nonce}'`,
    "img-src 'self'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** CSP for the SPA's index.html: own-origin assets, nonce-tagged inline code, sgID as a form target. */
/** `providerOrigins`: where a login form may go (each enabled provider's authorization origin). */
export function buildSpaCsp(nonce: string, providerOrigins: readonly string[]): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    ['form-action', "'self'", ...providerOrigins].join(' '),
    "frame-ancestors 'none'",
  ].join('; ');
}
