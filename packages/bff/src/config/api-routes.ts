/**
 * `API_ROUTES`: the proxy's allowlist, JSON in one environment variable, e.g.
 * `[{"prefix":"/api/demo","upstream":"http://127.0.0.1:4001","methods":["GET","POST"],"claims":["myinfo.name"]}]`.
 * Rules: a prefix is `/api/<segment>[/<segment>…]`, no two prefixes overlap; the upstream is an http(s)
 * origin with an optional base path and no query, credentials or fragment; methods come from a fixed
 * list; extra forwarded headers may not name credentials or identity; the upstream's CSP and
 * `Cache-Control` pass only when the route opts in (`upstreamCsp`, `upstreamCacheControl`). Every problem is reported, each
 * with the route's index.
 */
import { z } from 'zod';
import { parseDuration } from './duration';

export const PROXY_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type ProxyMethod = (typeof PROXY_METHODS)[number];

/** One upstream API the browser may reach through the BFF. */
export interface ApiRoute {
  /** Local path prefix, e.g. `/api/demo`; `/api/demo/x?y` goes to `<upstream>/x?y`. */
  readonly prefix: string;
  /** Upstream base URL without a trailing slash, e.g. `http://127.0.0.1:4001` or `https://api.internal/v1`. */
  readonly upstream: string;
  readonly methods: readonly ProxyMethod[];
  /** Session data items copied into the identity token, by scope name (`myinfo.name`). */
  readonly claims: readonly string[];
  /** The identity token's `aud`; default `<PUBLIC_URL><prefix>`. */
  readonly audience: string | undefined;
  /** How long the upstream may take to answer headers; default `API_TIMEOUT`. */
  readonly timeoutMs: number | undefined;
  /** Extra request headers passed through (lower case), beyond the standard set. */
  readonly headers: readonly string[];
  /**
   * Opt-in `"upstreamCsp": true`: pass the upstream's own `Content-Security-Policy` instead of the
   * sandboxing one (for an upstream that serves pages meant to run on the BFF's origin, and sets a CSP).
   */
  readonly upstreamCsp: boolean;
  /** Opt-in `"upstreamCacheControl": true`: pass the upstream's `Cache-Control` instead of `no-store`. */
  readonly upstreamCacheControl: boolean;
  /**
   * Corppass roles, any one of which the session must hold today for this route
   * (`"requireRoles": [{"eService": "EGOV-CUSTOMS", "role": "Approver"}]`); empty: no role check.
   */
  readonly requireRoles: ReadonlyArray<{ readonly eServiceId: string; readonly role: string }>;
}

const SEGMENT = '[A-Za-z0-9._~-]+';
const PREFIX = new RegExp(`^/api(/${SEGMENT})+$`);
/** Never forwardable from the browser: credentials, our CSRF header, identity a gateway might trust. */
export const FORBIDDEN_HEADER =
  /^(cookie|authorization|proxy-authorization|x-csrf|host|forwarded|x-forwarded-.*|x-real-ip|x-request-id|x-user-.*|x-auth-.*|x-remote-.*|remote-user|x-amzn-oidc-.*|x-ms-client-principal.*|cf-access-.*|connection|keep-alive|te|trailer|transfer-encoding|upgrade|content-length)$/;

const RouteSchema = z
  .object({
    prefix: z.string().regex(PREFIX, 'must look like /api/name (letters, digits, . _ ~ -; no trailing /)'),
    upstream: z
      .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
      .refine((u) => {
        const url = new URL(u);
        return !url.search && !url.hash && !url.username && !url.password && !u.endsWith('?');
      }, 'must have no query, fragment or credentials')
      .transform((u) => u.replace(/\/+$/, '')),
    methods: z
      .array(z.enum(PROXY_METHODS, { error: `must be among ${PROXY_METHODS.join(', ')}` }))
      .min(1)
      .default(['GET']),
    claims: z.array(z.string().min(1)).default([]),
    audience: z.string().min(1).max(512).optional(),
    timeout: z
      .string()
      .transform((text, ctx) => {
        const ms = parseDuration(text);
        if (ms === undefined || ms < 100)
          ctx.addIssue({ code: 'custom', message: 'must be a duration of at least 100ms, e.g. 10s' });
        return ms ?? 0;
      })
      .optional(),
    headers: z
      .array(
        z
          .string()
          .regex(/^[A-Za-z0-9-]+$/, 'must be a header name')
          .transform((h) => h.toLowerCase())
          .refine((h) => !FORBIDDEN_HEADER.test(h), 'may not forward credentials or identity headers'),
      )
      .default([]),
    upstreamCsp: z.boolean().default(false),
    upstreamCacheControl: z.boolean().default(false),
    requireRoles: z
      .array(z.object({ eService: z.string().min(1).max(128), role: z.string().min(1).max(128) }).strict())
      .max(50)
      .default([]),
  })
  .strict();

const RoutesSchema = z.array(RouteSchema).max(100);

/** The `API_ROUTES` field schema: JSON text in, validated routes out, every problem with its path. */
export const ApiRoutesField = z.string().transform((text, ctx): ApiRoute[] => {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    ctx.addIssue({ code: 'custom', message: 'is not valid JSON (expected an array of routes)' });
    return [];
  }
  const result = RoutesSchema.safeParse(json);
  if (!result.success) {
    for (const issue of result.error.issues)
      ctx.addIssue({ code: 'custom', message: `${formatPath(issue.path)}: ${issue.message}` });
    return [];
  }
  const routes = result.data.map((r) => ({
    prefix: r.prefix,
    upstream: r.upstream,
    methods: [...new Set(r.methods)],
    claims: [...new Set(r.claims)],
    audience: r.audience,
    timeoutMs: r.timeout,
    headers: [...new Set(r.headers)],
    upstreamCsp: r.upstreamCsp,
    upstreamCacheControl: r.upstreamCacheControl,
    requireRoles: r.requireRoles.map(({ eService, role }) => ({ eServiceId: eService, role })),
  }));
  for (const [i, a] of routes.entries())
    for (const [j, b] of routes.entries())
      if (i < j && (a.prefix === b.prefix || isUnder(a.prefix, b.prefix) || isUnder(b.prefix, a.prefix)))
        ctx.addIssue({ code: 'custom', message: `[${j}].prefix: ${b.prefix} overlaps [${i}] ${a.prefix}` });
  return routes;
});

function isUnder(path: string, prefix: string): boolean {
  return path.startsWith(`${prefix}/`);
}

function formatPath(path: ReadonlyArray<PropertyKey>): string {
  return path
    .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
    .join('')
    .replace(/^\./, '');
}
