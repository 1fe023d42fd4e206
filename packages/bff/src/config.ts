/**
 * The BFF's configuration: one zod schema over environment variables, compatible with the official sgID
 * examples (`SGID_CLIENT_ID`, `SGID_CLIENT_SECRET`, `SGID_PRIVATE_KEY`, `SGID_REDIRECT_URI`).
 * Rules: every problem is reported at once with its variable name; secrets are wrapped in `Secret`;
 * development conveniences are refused under `NODE_ENV=production`; the result is deep-frozen.
 * `docs/configuration.md` lists the same variables and defaults (a test keeps them in step).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { issuerForHostname, OPENID_SCOPE, SGID_DEFAULT_HOSTNAME } from '@sgid-bff/protocol';
import { z } from 'zod';
import { checkProductionRules, checkRedirectUri } from './config-rules';
import { checkOperationsRules } from './config-rules-operations';
import { checkServerLimitRules } from './config-rules-server';
import { parseDuration } from './duration';
import { parseTrustProxy } from './http/parse-trust-proxy';
import type { ServerLimits } from './http/server-limits';
import { readPrivateKeyPem } from './private-key';
import { type ApiRoute, ApiRoutesField } from './proxy/api-routes';
import { readSigningKeysPem } from './proxy/signing-keys';
import { parseRateRule, type RateRule } from './rate-limit/parse-rate-rule';
import { Secret } from './secret';

/** Defaults as documented; `undefined` means required (or derived, see docs/configuration.md). */
export const ENV_DEFAULTS = {
  NODE_ENV: 'development',
  PORT: '3000',
  HOST: '127.0.0.1',
  PUBLIC_URL: 'http://localhost:3000',
  SGID_CLIENT_ID: undefined,
  SGID_CLIENT_SECRET: undefined,
  SGID_PRIVATE_KEY: undefined,
  SGID_REDIRECT_URI: undefined,
  SGID_HOSTNAME: SGID_DEFAULT_HOSTNAME,
  SGID_SCOPES: 'openid myinfo.name',
  SGID_COMPAT: 'none',
  SGID_TIMEOUT: '5s',
  SGID_CLOCK_TOLERANCE: '30s',
  SESSION_STORE: 'sqlite',
  DATA_DIR: '.data',
  REDIS_URL: 'redis://127.0.0.1:6379',
  REDIS_KEY_PREFIX: 'sgid-bff:',
  REDIS_TIMEOUT: '2s',
  SESSION_IDLE_TIMEOUT: '30m',
  SESSION_ABSOLUTE_TIMEOUT: '12h',
  SESSION_COOKIE_NAME: '__Host-sgid-bff.session',
  SESSION_COOKIE_SAMESITE: 'lax',
  LOGIN_TRANSACTION_TTL: '10m',
  LOGIN_MAX_PER_BROWSER: '5',
  RATE_LIMIT_LOGIN: '60/1m',
  RATE_LIMIT_CALLBACK: '60/1m',
  SPA_DIR: undefined,
  LOG_LEVEL: 'info',
  LOG_REQUESTS: 'false',
  TRUST_PROXY: 'false',
  BODY_LIMIT: '16384',
  API_ROUTES: '[]',
  API_TIMEOUT: '30s',
  API_BODY_LIMIT: '1048576',
  PROXY_SIGNING_KEY: undefined,
  PROXY_TOKEN_TTL: '60s',
  API_BODY_MIN_RATE: '1024',
  API_MAX_CONCURRENT_PER_SESSION: '16',
  API_UPSTREAM_CONNECTIONS: '256',
  ADMIN_TOKEN: undefined,
  METRICS_TOKEN: undefined,
  SHUTDOWN_TIMEOUT: '10s',
  HEADERS_TIMEOUT: '30s',
  REQUEST_TIMEOUT: '60s',
  KEEP_ALIVE_TIMEOUT: '72s',
  CONNECTION_TIMEOUT: '2m',
  MAX_CONNECTIONS_PER_ADDRESS: '100',
  RATE_LIMIT_IPV6_PREFIX: '64',
} as const satisfies Record<string, string | undefined>;

export type EnvVariable = keyof typeof ENV_DEFAULTS;

const duration = (min: number) =>
  z
    .string()
    .transform((text, ctx) => {
      const ms = parseDuration(text);
      if (ms === undefined)
        ctx.addIssue({ code: 'custom', message: 'expected a duration such as 30s, 30m or 12h' });
      return ms ?? 0;
    })
    .pipe(z.number().min(min, `must be at least ${min} ms`));

const integer = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const flag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const rateRule = z.string().transform((text, ctx) => {
  const rule = parseRateRule(text);
  if (typeof rule === 'string') ctx.addIssue({ code: 'custom', message: rule });
  return typeof rule === 'string' ? { limit: 1, windowMs: 60_000 } : rule;
});
/** An operator credential: long enough that guessing is hopeless; compared in constant time. */
const operatorToken = z
  .string()
  .min(32, 'must be at least 32 characters (e.g. openssl rand -base64 32)')
  .transform((s) => new Secret(s))
  .optional();
const httpUrl = z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' });

/** One schema per variable, so every problem is found even when others fail. */
const FIELDS = {
  NODE_ENV: z.enum(['development', 'production', 'test']),
  PORT: integer(0, 65535),
  HOST: z.string().min(1),
  PUBLIC_URL: httpUrl.transform((u) => new URL(u)),
  SGID_CLIENT_ID: z.string({ error: 'is required' }).min(1, 'is required'),
  SGID_CLIENT_SECRET: z
    .string({ error: 'is required' })
    .min(1, 'is required')
    .transform((s) => new Secret(s)),
  SGID_PRIVATE_KEY: z.string({ error: 'is required (PEM text or a file path)' }).transform((text, ctx) => {
    const result = readPrivateKeyPem(text);
    if (!result.ok) ctx.addIssue({ code: 'custom', message: result.reason });
    return new Secret(result.ok ? result.value : '');
  }),
  SGID_REDIRECT_URI: httpUrl.optional(),
  SGID_HOSTNAME: httpUrl.transform((u) => new URL(u).origin),
  SGID_SCOPES: z
    .string()
    .transform((s) => [...new Set(s.split(/\s+/).filter(Boolean))])
    .refine((scopes) => scopes.includes(OPENID_SCOPE), 'must include openid'),
  SGID_COMPAT: z.enum(['none', 'mockpass']),
  SGID_TIMEOUT: duration(50),
  SGID_CLOCK_TOLERANCE: duration(0),
  SESSION_STORE: z.enum(['sqlite', 'memory', 'redis']),
  DATA_DIR: z.string().min(1),
  REDIS_URL: z.url({ protocol: /^rediss?$/, error: 'expected a redis:// or rediss:// URL' }),
  REDIS_KEY_PREFIX: z.string().min(1).max(64),
  REDIS_TIMEOUT: duration(50),
  SESSION_IDLE_TIMEOUT: duration(60_000),
  SESSION_ABSOLUTE_TIMEOUT: duration(60_000),
  SESSION_COOKIE_NAME: z
    .string()
    .regex(/^__Host-[A-Za-z0-9._-]+$/, 'must start with __Host- and use only letters, digits, ".", "_", "-"'),
  SESSION_COOKIE_SAMESITE: z.enum(['lax', 'strict']),
  LOGIN_TRANSACTION_TTL: duration(60_000),
  LOGIN_MAX_PER_BROWSER: integer(1, 50),
  RATE_LIMIT_LOGIN: rateRule,
  RATE_LIMIT_CALLBACK: rateRule,
  SPA_DIR: z
    .string()
    .min(1)
    .refine(
      (dir) => dir === 'none' || existsSync(path.join(dir, 'index.html')),
      'has no index.html (or use none)',
    )
    .optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
  LOG_REQUESTS: flag,
  TRUST_PROXY: z.string().transform((text, ctx) => {
    const result = parseTrustProxy(text);
    if (!result.ok) ctx.addIssue({ code: 'custom', message: result.reason });
    return result.ok ? result.value : false;
  }),
  BODY_LIMIT: integer(1024, 1_048_576),
  API_ROUTES: ApiRoutesField,
  API_TIMEOUT: duration(100),
  API_BODY_LIMIT: integer(0, 1_073_741_824),
  PROXY_SIGNING_KEY: z
    .string()
    .transform((text, ctx) => {
      const result = readSigningKeysPem(text);
      if (!result.ok) ctx.addIssue({ code: 'custom', message: result.reason });
      return new Secret(result.ok ? result.value : '');
    })
    .optional(),
  PROXY_TOKEN_TTL: duration(5000).pipe(z.number().max(3_600_000, 'must be at most 1h')),
  API_BODY_MIN_RATE: integer(0, 1_073_741_824),
  API_MAX_CONCURRENT_PER_SESSION: integer(1, 10_000),
  API_UPSTREAM_CONNECTIONS: integer(1, 65_536),
  ADMIN_TOKEN: operatorToken,
  METRICS_TOKEN: operatorToken,
  SHUTDOWN_TIMEOUT: duration(0),
  HEADERS_TIMEOUT: duration(100),
  REQUEST_TIMEOUT: duration(100),
  KEEP_ALIVE_TIMEOUT: duration(100),
  CONNECTION_TIMEOUT: duration(100),
  MAX_CONNECTIONS_PER_ADDRESS: integer(0, 1_000_000),
  RATE_LIMIT_IPV6_PREFIX: integer(16, 128),
} satisfies Record<EnvVariable, z.ZodType>;

/**
 * Every variable the BFF reads, in `ENV_DEFAULTS` order, with what applies when it is unset: its default,
 * `(required)`, or `(optional)` (unset has its own meaning; docs/configuration.md says which). For
 * `sgid-bff --help`, so the list there cannot drift from the schema.
 */
export function listEnvVariables(): Array<{ name: EnvVariable; whenUnset: string }> {
  return (Object.keys(ENV_DEFAULTS) as EnvVariable[]).map((name) => {
    const fallback: string | undefined = ENV_DEFAULTS[name];
    const required = fallback === undefined && !FIELDS[name].safeParse(undefined).success;
    return { name, whenUnset: fallback ?? (required ? '(required)' : '(optional)') };
  });
}

type ParsedEnv = { [K in EnvVariable]: z.output<(typeof FIELDS)[K]> };

/** The validated, frozen configuration every part of the BFF receives. */
export interface BffConfig {
  readonly nodeEnv: 'development' | 'production' | 'test';
  readonly port: number;
  readonly host: string;
  /** The origin browsers use, e.g. `https://app.example.gov.sg`. */
  readonly publicOrigin: string;
  /** True when `publicOrigin` is https (HSTS is sent). */
  readonly https: boolean;
  readonly sgid: {
    readonly clientId: string;
    readonly clientSecret: Secret;
    readonly privateKeyPem: Secret;
    readonly redirectUri: string;
    readonly origin: string;
    readonly issuer: string;
    readonly scopes: readonly string[];
    readonly compat: 'none' | 'mockpass';
    readonly timeoutMs: number;
    readonly clockToleranceSeconds: number;
  };
  readonly session: {
    readonly cookieName: string;
    readonly sameSite: 'lax' | 'strict';
    readonly idleTimeoutMs: number;
    readonly absoluteTimeoutMs: number;
  };
  readonly transaction: {
    readonly cookieName: string;
    readonly ttlMs: number;
    readonly maxPerBrowser: number;
  };
  readonly store: {
    readonly kind: 'sqlite' | 'memory' | 'redis';
    readonly dataDir: string;
    readonly redisUrl: Secret;
    readonly redisKeyPrefix: string;
    /** Longest a Redis command may take before the request fails with 503. */
    readonly redisTimeoutMs: number;
  };
  readonly rateLimit: {
    readonly login: RateRule;
    readonly callback: RateRule;
    /** IPv6 clients are counted per prefix of this many bits (rate-limit/client-network.ts). */
    readonly ipv6PrefixBits: number;
  };
  readonly spaDir: string | undefined;
  readonly logLevel: string;
  readonly logRequests: boolean;
  /** fastify's `trustProxy`: false, true (development only) or the trusted proxies' addresses/ranges. */
  readonly trustProxy: boolean | readonly string[];
  readonly bodyLimit: number;
  /** The API proxy (`/api/*`); no routes means no proxy and no JWKS endpoint. */
  readonly proxy: {
    readonly routes: readonly ApiRoute[];
    /** The whole proxied call up to the upstream's response headers: queueing, request body, answer. */
    readonly timeoutMs: number;
    /** Least average request-body rate, bytes per second, after a grace period (0: no minimum). */
    readonly bodyMinRate: number;
    /** Proxied requests one session may have in flight at once; more are refused with 429. */
    readonly maxConcurrentPerSession: number;
    /** Connections to each upstream origin at most (requests beyond wait, within `timeoutMs`). */
    readonly upstreamConnections: number;
    /** Largest request body streamed upstream, in bytes (0: no limit). */
    readonly bodyLimit: number;
    /** PEM private key(s); undefined: a development key generated in `DATA_DIR`. */
    readonly signingKeyPem: Secret | undefined;
    readonly tokenTtlSeconds: number;
  };
  /** `POST /admin/sessions/revoke` is served only when a token is set. */
  readonly adminToken: Secret | undefined;
  /** When set, `GET /metrics` requires it as a bearer token. */
  readonly metricsToken: Secret | undefined;
  /** After SIGTERM, the longest in-flight requests may take before the process exits anyway. */
  readonly shutdownTimeoutMs: number;
  /** The HTTP server's own limits (http/server-limits.ts). */
  readonly server: ServerLimits;
  /** Development conveniences in use, printed loudly at start-up. */
  readonly warnings: readonly string[];
}

/** Thrown by `loadConfig`; `problems` holds every problem, each starting with its variable name. */
export class ConfigError extends Error {
  readonly problems: readonly string[];
  constructor(problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

/** Read the configuration from an environment-like record (`process.env` in `main`, literals in tests). */
export function loadConfig(env: Readonly<Record<string, string | undefined>>): BffConfig {
  const problems: string[] = [];
  const values: Partial<Record<EnvVariable, unknown>> = {};
  for (const name of Object.keys(FIELDS) as EnvVariable[]) {
    const raw = env[name] === '' ? undefined : (env[name] ?? ENV_DEFAULTS[name]);
    const result = FIELDS[name].safeParse(raw);
    if (result.success) values[name] = result.data;
    else for (const issue of result.error.issues) problems.push(`${name}: ${issue.message}`);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  const parsed = values as ParsedEnv;
  const redirectUri = parsed.SGID_REDIRECT_URI ?? `${parsed.PUBLIC_URL.origin}/auth/callback`;
  problems.push(...checkRedirectUri(redirectUri, parsed.PUBLIC_URL));
  if (parsed.SESSION_ABSOLUTE_TIMEOUT < parsed.SESSION_IDLE_TIMEOUT)
    problems.push('SESSION_ABSOLUTE_TIMEOUT: must not be shorter than SESSION_IDLE_TIMEOUT');
  const { refusals, warnings } = checkProductionRules(parsed);
  problems.push(...refusals);
  const operations = checkOperationsRules(parsed);
  problems.push(...operations.refusals);
  problems.push(...checkServerLimitRules(parsed));
  warnings.push(...operations.warnings);
  if (problems.length > 0) throw new ConfigError(problems);
  return deepFreeze(buildConfig(parsed, redirectUri, warnings));
}

function buildConfig(env: ParsedEnv, redirectUri: string, warnings: string[]): BffConfig {
  return {
    nodeEnv: env.NODE_ENV,
    port: env.PORT,
    host: env.HOST,
    publicOrigin: env.PUBLIC_URL.origin,
    https: env.PUBLIC_URL.protocol === 'https:',
    sgid: {
      clientId: env.SGID_CLIENT_ID,
      clientSecret: env.SGID_CLIENT_SECRET,
      privateKeyPem: env.SGID_PRIVATE_KEY,
      redirectUri,
      origin: env.SGID_HOSTNAME,
      issuer: issuerForHostname(env.SGID_HOSTNAME),
      scopes: env.SGID_SCOPES,
      compat: env.SGID_COMPAT,
      timeoutMs: env.SGID_TIMEOUT,
      clockToleranceSeconds: Math.round(env.SGID_CLOCK_TOLERANCE / 1000),
    },
    session: {
      cookieName: env.SESSION_COOKIE_NAME,
      sameSite: env.SESSION_COOKIE_SAMESITE,
      idleTimeoutMs: env.SESSION_IDLE_TIMEOUT,
      absoluteTimeoutMs: env.SESSION_ABSOLUTE_TIMEOUT,
    },
    // Derived from the session cookie name so both share the `__Host-` prefix and a deployment's namespace.
    transaction: {
      cookieName: `${env.SESSION_COOKIE_NAME.replace(/\.session$/, '')}.login`,
      ttlMs: env.LOGIN_TRANSACTION_TTL,
      maxPerBrowser: env.LOGIN_MAX_PER_BROWSER,
    },
    store: {
      kind: env.SESSION_STORE,
      dataDir: path.resolve(env.DATA_DIR),
      redisUrl: new Secret(env.REDIS_URL),
      redisKeyPrefix: env.REDIS_KEY_PREFIX,
      redisTimeoutMs: env.REDIS_TIMEOUT,
    },
    rateLimit: {
      login: env.RATE_LIMIT_LOGIN,
      callback: env.RATE_LIMIT_CALLBACK,
      ipv6PrefixBits: env.RATE_LIMIT_IPV6_PREFIX,
    },
    spaDir: selectSpaDir(env.SPA_DIR),
    logLevel: env.LOG_LEVEL,
    logRequests: env.LOG_REQUESTS,
    trustProxy: env.TRUST_PROXY,
    bodyLimit: env.BODY_LIMIT,
    proxy: {
      routes: env.API_ROUTES,
      timeoutMs: env.API_TIMEOUT,
      bodyLimit: env.API_BODY_LIMIT,
      signingKeyPem: env.PROXY_SIGNING_KEY,
      tokenTtlSeconds: Math.round(env.PROXY_TOKEN_TTL / 1000),
      bodyMinRate: env.API_BODY_MIN_RATE,
      maxConcurrentPerSession: env.API_MAX_CONCURRENT_PER_SESSION,
      upstreamConnections: env.API_UPSTREAM_CONNECTIONS,
    },
    adminToken: env.ADMIN_TOKEN,
    metricsToken: env.METRICS_TOKEN,
    shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT,
    server: {
      headersTimeoutMs: env.HEADERS_TIMEOUT,
      requestTimeoutMs: env.REQUEST_TIMEOUT,
      keepAliveTimeoutMs: env.KEEP_ALIVE_TIMEOUT,
      connectionTimeoutMs: env.CONNECTION_TIMEOUT,
      maxConnectionsPerAddress: env.MAX_CONNECTIONS_PER_ADDRESS,
    },
    warnings,
  };
}

/** `SPA_DIR=none` serves no SPA; unset looks for the workspace's built SPA. */
function selectSpaDir(value: string | undefined): string | undefined {
  if (value === 'none') return undefined;
  return value ? path.resolve(value) : findDefaultSpaDir();
}

/** `packages/spa/dist` next to this package, from `src/` (tests, tsx) and from `dist/` (the bundle) alike. */
function findDefaultSpaDir(): string | undefined {
  const candidates = [
    fileURLToPath(new URL('../../spa/dist', import.meta.url)),
    path.resolve('packages/spa/dist'),
  ];
  return candidates.find((dir) => existsSync(path.join(dir, 'index.html')));
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
