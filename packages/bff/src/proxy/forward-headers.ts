/**
 * Which headers cross the proxy.
 * To the upstream — an allowlist, so nothing the browser invents reaches it: content negotiation,
 * conditional and range requests, the body's type/encoding/length, plus a route's own `headers`. Never
 * the browser's `Cookie`, `X-CSRF`, `Authorization` or any identity header (`X-User-*`,
 * `X-Forwarded-User`, …). The BFF adds: `Authorization: Bearer <identity token>`, `X-Request-Id`, and
 * `X-Forwarded-For/-Proto/-Host` describing the browser's request as the BFF saw it.
 * Back to the browser — everything but hop-by-hop headers and what would act on the BFF's origin:
 * `Set-Cookie`, `Clear-Site-Data`, `Refresh`, `Alt-Svc`, reporting and service-worker headers, HSTS and
 * CORS (the BFF owns those). Every response gets a sandboxing CSP and `no-store` (responses behind a
 * session are personal) unless the route opts in to the upstream's; `nosniff` always (the BFF's own
 * header, which an upstream cannot replace). A `Location` inside the upstream base becomes a BFF path;
 * any other is dropped.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { FastifyRequest } from 'fastify';
import type { ApiRoute } from '../config';

const FORWARDED_REQUEST_HEADERS = [
  'accept',
  'accept-encoding',
  'accept-language',
  'cache-control',
  'content-encoding',
  'content-language',
  'content-length',
  'content-type',
  'if-match',
  'if-modified-since',
  'if-none-match',
  'if-range',
  'if-unmodified-since',
  'pragma',
  'range',
  'user-agent',
];

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

export function buildUpstreamHeaders(
  request: FastifyRequest,
  route: ApiRoute,
  extra: { token: string; publicOrigin: string },
): Record<string, string> {
  const out: Record<string, string> = {};
  const source = request.headers;
  for (const name of forwardedNames(route)) {
    const value = source[name];
    if (typeof value === 'string') out[name] = value;
    else if (Array.isArray(value)) out[name] = value.join(', ');
  }
  if (source['transfer-encoding'] !== undefined) delete out['content-length'];
  const { proto, host } = describeOrigin(extra.publicOrigin);
  out.authorization = `Bearer ${extra.token}`;
  out['x-request-id'] = request.id;
  out['x-forwarded-for'] = request.ip;
  out['x-forwarded-proto'] = proto;
  out['x-forwarded-host'] = host;
  return out;
}

// Both depend on configuration only: worked out once, not per proxied request.
const namesByRoute = new WeakMap<ApiRoute, readonly string[]>();
function forwardedNames(route: ApiRoute): readonly string[] {
  let names = namesByRoute.get(route);
  if (names === undefined) {
    names = [...FORWARDED_REQUEST_HEADERS, ...route.headers];
    namesByRoute.set(route, names);
  }
  return names;
}

const origins = new Map<string, { proto: string; host: string }>();
function describeOrigin(origin: string): { proto: string; host: string } {
  let described = origins.get(origin);
  if (described === undefined) {
    const url = new URL(origin);
    described = { proto: url.protocol.slice(0, -1), host: url.host };
    origins.set(origin, described);
  }
  return described;
}

/** What an upstream may not decide for the BFF's origin, beyond hop-by-hop headers. */
const DROPPED_RESPONSE_HEADERS = new Set([
  ...HOP_BY_HOP,
  'set-cookie', // cookies on the BFF's origin (the session cookie's name included)
  'clear-site-data', // logs the user out of everything, wipes storage
  'refresh', // a redirect the proxy could not check
  'strict-transport-security',
  'alt-svc', // would move the BFF's origin to another server
  'nel', // network-error reports of the BFF's origin to the upstream's collector
  'report-to',
  'reporting-endpoints',
  'service-worker-allowed', // widens a service worker's scope past the route
  'content-security-policy-report-only',
  'server',
  'x-powered-by',
]);

/**
 * The CSP on every proxied response unless the route opts in (`upstreamCsp`): an upstream's HTML or SVG,
 * opened as a document on the BFF's origin, runs in an opaque-origin sandbox with nothing loaded, so it
 * cannot script the session endpoint. JSON consumed by `fetch` is not affected by a CSP at all.
 */
export const PROXIED_CSP = "default-src 'none'; sandbox; frame-ancestors 'none'";

/**
 * The headers of an upstream's response as the browser gets them. `upstreamUrl` is the URL the request
 * went to: a `Location` is resolved against it and rewritten to the BFF path when it stays inside the
 * route's upstream base (`http://up/base/x` → `/api/route/x`), and dropped when it leaves it.
 */
export function filterResponseHeaders(
  headers: IncomingHttpHeaders | Record<string, string | string[] | undefined>,
  route: ApiRoute,
  upstreamUrl: string,
): Record<string, string | string[]> {
  const named = String(headers.connection ?? '')
    .split(',')
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean);
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (value === undefined || DROPPED_RESPONSE_HEADERS.has(lower) || named.includes(lower)) continue;
    if (lower.startsWith('access-control-')) continue;
    out[lower] = value;
  }
  if (!route.upstreamCsp) out['content-security-policy'] = PROXIED_CSP;
  if (!route.upstreamCacheControl || out['cache-control'] === undefined) {
    out['cache-control'] = 'no-store';
    delete out.expires;
  }
  const location = out.location;
  if (location !== undefined) {
    const rewritten = rewriteLocation(String(location), route, upstreamUrl);
    if (rewritten === undefined) delete out.location;
    else out.location = rewritten;
  }
  return out;
}

/** `Location` as a BFF-relative path under the route's prefix, or undefined when it leaves the base. */
export function rewriteLocation(location: string, route: ApiRoute, upstreamUrl: string): string | undefined {
  let target: URL;
  try {
    target = new URL(location, upstreamUrl);
  } catch {
    return undefined;
  }
  const base = new URL(route.upstream);
  if (target.origin !== base.origin) return undefined;
  const basePath = base.pathname.replace(/\/+$/, '');
  const path = target.pathname;
  if (basePath !== '' && path !== basePath && !path.startsWith(`${basePath}/`)) return undefined;
  return `${route.prefix}${path.slice(basePath.length)}${target.search}${target.hash}`;
}
