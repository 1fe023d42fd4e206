/**
 * Which headers cross the proxy.
 * To the upstream — an allowlist, so nothing the browser invents reaches it: content negotiation,
 * conditional and range requests, the body's type/encoding/length, plus a route's own `headers`. Never
 * the browser's `Cookie`, `X-CSRF`, `Authorization` or any identity header (`X-User-*`,
 * `X-Forwarded-User`, …). The BFF adds: `Authorization: Bearer <identity token>`, `X-Request-Id`, and
 * `X-Forwarded-For/-Proto/-Host` describing the browser's request as the BFF saw it.
 * Back to the browser — everything but hop-by-hop headers, `Set-Cookie` (an upstream must not set
 * cookies on the BFF's origin), HSTS and CORS headers (the BFF owns those); `Cache-Control: no-store`
 * unless the upstream chose a policy.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { FastifyRequest } from 'fastify';
import type { ApiRoute } from './api-routes';

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

const DROPPED_RESPONSE_HEADERS = new Set([
  ...HOP_BY_HOP,
  'set-cookie',
  'strict-transport-security',
  'server',
  'x-powered-by',
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

export function filterResponseHeaders(
  headers: IncomingHttpHeaders | Record<string, string | string[] | undefined>,
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
  out['cache-control'] ??= 'no-store';
  return out;
}
