/**
 * CSRF and origin rules for every non-navigation endpoint (SECURITY.md "CSRF and origin"):
 * - the custom header `X-CSRF: 1` must be present (a cross-site page cannot add it without a CORS
 *   preflight, which the BFF never grants);
 * - `Sec-Fetch-Site: cross-site` is rejected;
 * - an `Origin` header, when present, must equal the BFF's public origin exactly.
 * A form-post logout cannot carry the header, so `checkSameOriginForm` demands the Origin instead.
 */
import type { FastifyRequest } from 'fastify';
import { BffServerError } from '../errors';

export function checkCsrf(request: Pick<FastifyRequest, 'headers'>, publicOrigin: string): void {
  if (request.headers['x-csrf'] !== '1') throw new BffServerError('BFF_CSRF_HEADER_MISSING');
  checkNotCrossSite(request, publicOrigin);
}

/** True when the request carries the CSRF header (a fetch from the SPA, not a navigation). */
export function hasCsrfHeader(request: FastifyRequest): boolean {
  return request.headers['x-csrf'] !== undefined;
}

/** For HTML form posts: browsers always send `Origin` on POST, so it is required and must match. */
export function checkSameOriginForm(request: FastifyRequest, publicOrigin: string): void {
  if (request.headers.origin === undefined)
    throw new BffServerError('BFF_CSRF_HEADER_MISSING', { detail: 'form post without Origin' });
  checkNotCrossSite(request, publicOrigin);
}

function checkNotCrossSite(request: Pick<FastifyRequest, 'headers'>, publicOrigin: string): void {
  if (request.headers['sec-fetch-site'] === 'cross-site')
    throw new BffServerError('BFF_CROSS_SITE_REQUEST', { detail: 'Sec-Fetch-Site: cross-site' });
  const origin = request.headers.origin;
  if (origin !== undefined && origin !== publicOrigin)
    throw new BffServerError('BFF_CROSS_SITE_REQUEST', { detail: `Origin ${String(origin).slice(0, 100)}` });
}
