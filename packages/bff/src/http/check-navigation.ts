/**
 * `GET /auth/login` starts a login only for a top-level navigation (SECURITY.md: a cross-site
 * subresource request cannot spend a visitor's login budget). A page with sixty
 * `<img src=https://bff/auth/login>` would otherwise create sixty transactions and exhaust the rate
 * limit of every visitor's address. Fetch metadata (W3C Fetch Metadata Request Headers) tells them apart:
 * - `Sec-Fetch-Dest`, when sent, must be `document` (an image is `image`, a frame `iframe`, a fetch
 *   `empty`), and `Sec-Fetch-Mode` then `navigate`;
 * - `Sec-Fetch-Mode: no-cors` (an image or script) is refused even alone; a lone `Sec-Fetch-Mode: cors`
 *   is what Node's fetch sends on every request, so without `Sec-Fetch-Dest` (which every browser
 *   sending fetch metadata sends too) it is served as before;
 * - a prefetch or prerender (`Sec-Purpose`, legacy `Purpose`) is not the user asking to log in.
 * Clients without fetch metadata are served as before. Refused: `403 BFF_LOGIN_NOT_NAVIGATION`, before
 * the rate limit is counted or a transaction is created.
 * `GET /auth/callback` is held to the same rule (`403 BFF_CALLBACK_NOT_NAVIGATION`): the provider's
 * redirect is a top-level navigation, so sixty `<img src=https://bff/auth/callback>` would otherwise
 * spend the visitor's callback budget and lock them out of finishing a real login.
 */
import type { FastifyRequest } from 'fastify';
import { BffServerError } from '../errors';

export function checkTopLevelNavigation(
  request: FastifyRequest,
  code: 'BFF_LOGIN_NOT_NAVIGATION' | 'BFF_CALLBACK_NOT_NAVIGATION' = 'BFF_LOGIN_NOT_NAVIGATION',
): void {
  const { headers } = request;
  const mode = headers['sec-fetch-mode'];
  const dest = headers['sec-fetch-dest'];
  const purpose = headers['sec-purpose'] ?? headers.purpose;
  const isSubresource =
    dest !== undefined
      ? dest !== 'document' || (mode !== undefined && mode !== 'navigate')
      : mode === 'no-cors';
  if (isSubresource || purpose)
    throw new BffServerError(code, {
      detail: `mode ${String(mode).slice(0, 20)}, dest ${String(dest).slice(0, 20)}, purpose ${String(purpose).slice(0, 20)}`,
    });
}
