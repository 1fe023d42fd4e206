/**
 * Which request paths belong to the mounted BFF (docs/embedding.md "Which paths are the BFF's"); every
 * other path is the host's. Rules:
 * - `/auth` and everything under it: the login, callback, session and logout endpoints, the providers'
 *   JWKS, and a `404 BFF_NOT_FOUND` for the rest (the client SDK owns that namespace);
 * - each `API_ROUTES` prefix and everything under it (the proxy); other `/api/*` paths are the host's;
 * - a few exact operational paths; the SPA's paths (`/`, assets, the fallback) are the host's.
 * Judged on the raw path, before `?`: a path the BFF would not route as written goes to the host.
 */
import type { BffConfig } from '../config';

const OPERATIONS = ['/healthz', '/readyz', '/metrics', '/admin/sessions/revoke'];
const PROXY_JWKS = '/.well-known/jwks.json';

export function createPathMatcher(config: Pick<BffConfig, 'proxy'>): (url: string) => boolean {
  const exact = new Set(OPERATIONS);
  if (config.proxy.routes.length > 0) exact.add(PROXY_JWKS);
  const prefixes = ['/auth', ...config.proxy.routes.map((route) => route.prefix)];
  return (url) => {
    const end = url.indexOf('?');
    const path = end === -1 ? url : url.slice(0, end);
    if (exact.has(path)) return true;
    return prefixes.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
  };
}
