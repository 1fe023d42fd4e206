/**
 * Every environment variable the BFF reads, each with its default and its schema side by side, in one
 * table; `ENV_DEFAULTS` (what docs/configuration.md and `sgid-bff --help` list) is derived from it.
 * Names are those of the official sgID examples (`SGID_CLIENT_ID`, `SGID_CLIENT_SECRET`,
 * `SGID_PRIVATE_KEY`, `SGID_REDIRECT_URI`). One schema per variable, so every problem is found even when
 * others fail; rules between variables are in rules.ts.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import {
  CORPPASS_DEFAULT_AUTH_CONTEXT_TYPE,
  CORPPASS_ISSUERS,
  OPENID_SCOPE,
  type ParseResult,
  PROVIDER_NAMES,
  SGID_DEFAULT_HOSTNAME,
  SINGPASS_APP_TYPES,
  SINGPASS_ISSUERS,
} from '@sgid-bff/protocol';
import type { JWK } from 'jose';
import { z } from 'zod';
import { Secret } from '../secret';
import { ApiRoutesField } from './api-routes';
import { parseDuration } from './duration';
import { readPrivateKeyPem, readSigningKeysPem } from './pem-keys';
import { parseRateRule } from './rate-rule';
import { readSingpassKeys } from './singpass-keys';
import { parseTrustProxy } from './trust-proxy';

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
/** A PEM key read by `read`, kept as a `Secret` so it never prints. */
const pemKey = (read: (text: string) => ParseResult<string>) =>
  z.string({ error: 'is required (PEM text or a file path)' }).transform((text, ctx) => {
    const result = read(text);
    if (!result.ok) ctx.addIssue({ code: 'custom', message: result.reason });
    return new Secret(result.ok ? result.value : '');
  });
/** A space-separated scope list, deduplicated; must include openid. */
const scopeList = z
  .string()
  .transform((s) => [...new Set(s.split(/\s+/).filter(Boolean))])
  .refine((scopes) => scopes.includes(OPENID_SCOPE), 'must include openid');
/** `SINGPASS_KEYS`: each broken key rule is its own issue, carrying its problem code (singpass-keys.ts). */
const singpassKeys = z
  .string()
  .transform((text, ctx) => {
    const { keys, problems } = readSingpassKeys(text);
    for (const problem of problems)
      ctx.addIssue({ code: 'custom', message: problem.message, params: { problemCode: problem.code } });
    return new Secret<readonly JWK[]>(keys);
  })
  .optional();
const trustProxy = z.string().transform((text, ctx) => {
  const result = parseTrustProxy(text);
  if (!result.ok) ctx.addIssue({ code: 'custom', message: result.reason });
  return result.ok ? result.value : false;
});

/** `host:port,host:port` (Sentinel or Cluster seed nodes); IPv6 hosts in brackets, `[::1]:26379`. */
const hostPortList = z.string().transform((text, ctx) => {
  const nodes: Array<{ host: string; port: number }> = [];
  for (const item of text.split(',').map((s) => s.trim())) {
    const match = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):(\d{1,5})$/.exec(item);
    const port = Number(match?.[2]);
    if (!match?.[1] || !(port >= 1 && port <= 65535)) {
      ctx.addIssue({ code: 'custom', message: `expected host:port[,host:port...], got "${item}"` });
      continue;
    }
    nodes.push({ host: match[1].replace(/^\[|\]$/g, ''), port });
  }
  return nodes;
});
const optionalSecret = z
  .string()
  .min(1)
  .transform((s) => new Secret(s))
  .optional();

/** `default: undefined` means required, or derived when unset (docs/configuration.md says which). */
const variable = <const D extends string | undefined, S extends z.ZodType>(
  fallback: D,
  schema: S,
  /** What `--help` shows for a derived value (when `fallback` is undefined). */
  derived?: string,
) => ({
  default: fallback,
  schema,
  derived,
});

export const VARIABLES = {
  NODE_ENV: variable('development', z.enum(['development', 'production', 'test'])),
  PORT: variable('3000', integer(0, 65535)),
  HOST: variable('127.0.0.1', z.string().min(1)),
  PUBLIC_URL: variable(
    'http://localhost:3000',
    httpUrl.transform((u) => new URL(u)),
  ),
  DEFAULT_PROVIDER: variable(undefined, z.enum(PROVIDER_NAMES).optional()),
  // sgID is enabled when SGID_CLIENT_ID is set; its secret and key are then required (provider-groups.ts).
  SGID_CLIENT_ID: variable(undefined, z.string().min(1).optional()),
  SGID_CLIENT_SECRET: variable(
    undefined,
    z
      .string()
      .min(1)
      .transform((s) => new Secret(s))
      .optional(),
  ),
  SGID_PRIVATE_KEY: variable(undefined, pemKey(readPrivateKeyPem).optional()),
  SGID_REDIRECT_URI: variable(undefined, httpUrl.optional()),
  SGID_HOSTNAME: variable(
    SGID_DEFAULT_HOSTNAME,
    httpUrl.transform((u) => new URL(u).origin),
  ),
  SGID_SCOPES: variable('openid myinfo.name', scopeList),
  SGID_COMPAT: variable('none', z.enum(['none', 'mockpass'])),
  SGID_TIMEOUT: variable('5s', duration(50)),
  SGID_CLOCK_TOLERANCE: variable('30s', duration(0)),
  // Singpass (FAPI 2.0) is enabled when SINGPASS_CLIENT_ID is set; SINGPASS_KEYS is then required.
  SINGPASS_CLIENT_ID: variable(undefined, z.string().min(1).optional()),
  SINGPASS_ISSUER: variable(
    SINGPASS_ISSUERS.production,
    httpUrl.refine((text) => {
      const url = new URL(text);
      return !text.endsWith('/') && !url.search && !url.hash && `${url.origin}${url.pathname}` === text;
    }, 'must be the exact issuer, e.g. https://stg-id.singpass.gov.sg/fapi (no trailing slash, query or fragment)'),
  ),
  SINGPASS_KEYS: variable(undefined, singpassKeys),
  SINGPASS_REDIRECT_URI: variable(undefined, httpUrl.optional()),
  SINGPASS_SCOPES: variable(undefined, scopeList.optional()),
  SINGPASS_APP_TYPE: variable('login', z.enum(SINGPASS_APP_TYPES)),
  SINGPASS_AUTH_CONTEXT_TYPE: variable(
    undefined,
    z
      .string()
      .regex(
        /^[A-Z][A-Z0-9_]{0,63}$/,
        'expected an upper-case context type such as APP_AUTHENTICATION_DEFAULT',
      )
      .optional(),
  ),
  SINGPASS_TIMEOUT: variable('5s', duration(50)),
  SINGPASS_CLOCK_TOLERANCE: variable('30s', duration(0)),
  // Corppass (FAPI 2.0) is enabled when CORPPASS_CLIENT_ID is set; CORPPASS_KEYS is then required. Its
  // keys follow the same rules as Singpass's (an EC sig and an EC enc key, unique kids, private).
  CORPPASS_CLIENT_ID: variable(undefined, z.string().min(1).optional()),
  CORPPASS_ISSUER: variable(
    CORPPASS_ISSUERS.production,
    httpUrl.refine((text) => {
      // Corppass's issuer is a host's root (`https://id.corppass.gov.sg`), which URL writes with a `/`.
      const url = new URL(text);
      const exact = url.pathname === '/' ? url.origin : `${url.origin}${url.pathname}`;
      return !text.endsWith('/') && !url.search && !url.hash && exact === text;
    }, 'must be the exact issuer, e.g. https://stg-id.corppass.gov.sg (no trailing slash, query or fragment)'),
  ),
  CORPPASS_KEYS: variable(undefined, singpassKeys),
  CORPPASS_REDIRECT_URI: variable(undefined, httpUrl.optional()),
  CORPPASS_SCOPES: variable(undefined, scopeList.optional()),
  CORPPASS_AUTH_CONTEXT_TYPE: variable(
    undefined,
    z
      .literal(CORPPASS_DEFAULT_AUTH_CONTEXT_TYPE, {
        error: 'Corppass knows only APP_AUTHENTICATION_DEFAULT',
      })
      .optional(),
  ),
  CORPPASS_TIMEOUT: variable('5s', duration(50)),
  CORPPASS_CLOCK_TOLERANCE: variable('30s', duration(0)),
  SESSION_STORE: variable('sqlite', z.enum(['sqlite', 'memory', 'redis', 'postgres'])),
  DATA_DIR: variable('.data', z.string().min(1)),
  // Derived when unset (redis://127.0.0.1:6379 unless REDIS_SENTINELS or REDIS_CLUSTER_NODES is set): a
  // default would make "exactly one Redis topology" impossible to check (rules.ts).
  REDIS_URL: variable(
    undefined,
    z.url({ protocol: /^rediss?$/, error: 'expected a redis:// or rediss:// URL' }).optional(),
    'redis://127.0.0.1:6379',
  ),
  REDIS_SENTINELS: variable(undefined, hostPortList.optional()),
  REDIS_SENTINEL_NAME: variable(undefined, z.string().min(1).max(128).optional()),
  REDIS_SENTINEL_PASSWORD: variable(undefined, optionalSecret),
  REDIS_CLUSTER_NODES: variable(undefined, hostPortList.optional()),
  REDIS_PASSWORD: variable(undefined, optionalSecret),
  // Braces would make the prefix a Cluster hash tag: every key in one slot, on one node.
  REDIS_KEY_PREFIX: variable(
    'sgid-bff:',
    z
      .string()
      .min(1)
      .max(64)
      .regex(/^[^{}]*$/, 'must not contain { or }'),
  ),
  REDIS_TIMEOUT: variable('2s', duration(50)),
  DATABASE_URL: variable(
    'postgres://127.0.0.1:5432/postgres',
    z.url({ protocol: /^postgres(ql)?$/, error: 'expected a postgres:// or postgresql:// URL' }),
  ),
  DATABASE_SCHEMA: variable(
    'sgid_bff',
    z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, 'expected a lower-case SQL name (letters, digits, _)'),
  ),
  DATABASE_POOL_SIZE: variable('10', integer(1, 1000)),
  DATABASE_TIMEOUT: variable('2s', duration(50)),
  REDIS_WAIT_REPLICAS: variable('0', integer(0, 16)),
  SESSION_IDLE_TIMEOUT: variable('30m', duration(60_000)),
  SESSION_ABSOLUTE_TIMEOUT: variable('12h', duration(60_000)),
  SESSION_COOKIE_NAME: variable(
    '__Host-sgid-bff.session',
    z
      .string()
      .regex(
        /^__Host-[A-Za-z0-9._-]+$/,
        'must start with __Host- and use only letters, digits, ".", "_", "-"',
      ),
  ),
  SESSION_COOKIE_SAMESITE: variable('lax', z.enum(['lax', 'strict'])),
  LOGIN_TRANSACTION_TTL: variable('10m', duration(60_000)),
  LOGIN_MAX_PER_BROWSER: variable('5', integer(1, 50)),
  RATE_LIMIT_LOGIN: variable('60/1m', rateRule),
  RATE_LIMIT_CALLBACK: variable('60/1m', rateRule),
  SPA_DIR: variable(
    undefined,
    z
      .string()
      .min(1)
      .refine(
        (dir) => dir === 'none' || existsSync(path.join(dir, 'index.html')),
        'has no index.html (or use none)',
      )
      .optional(),
  ),
  LOG_LEVEL: variable('info', z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])),
  LOG_REQUESTS: variable('false', flag),
  TRACE_TRUST_INCOMING: variable('false', flag),
  TRUST_PROXY: variable('false', trustProxy),
  BODY_LIMIT: variable('16384', integer(1024, 1_048_576)),
  API_ROUTES: variable('[]', ApiRoutesField),
  API_TIMEOUT: variable('30s', duration(100)),
  API_BODY_LIMIT: variable('1048576', integer(0, 1_073_741_824)),
  PROXY_SIGNING_KEY: variable(undefined, pemKey(readSigningKeysPem).optional()),
  PROXY_TOKEN_TTL: variable('60s', duration(5000).pipe(z.number().max(3_600_000, 'must be at most 1h'))),
  API_BODY_MIN_RATE: variable('1024', integer(0, 1_073_741_824)),
  API_MAX_CONCURRENT_PER_SESSION: variable('16', integer(1, 10_000)),
  API_UPSTREAM_CONNECTIONS: variable('256', integer(1, 65_536)),
  ADMIN_TOKEN: variable(undefined, operatorToken),
  METRICS_TOKEN: variable(undefined, operatorToken),
  SHUTDOWN_TIMEOUT: variable('10s', duration(0)),
  HEADERS_TIMEOUT: variable('30s', duration(100)),
  REQUEST_TIMEOUT: variable('60s', duration(100)),
  KEEP_ALIVE_TIMEOUT: variable('72s', duration(100)),
  CONNECTION_TIMEOUT: variable('2m', duration(100)),
  MAX_CONNECTIONS_PER_ADDRESS: variable('100', integer(0, 1_000_000)),
  RATE_LIMIT_IPV6_PREFIX: variable('64', integer(16, 128)),
};

export type EnvVariable = keyof typeof VARIABLES;

/** Each variable's value after its schema. */
export type ParsedEnv = { [K in EnvVariable]: z.output<(typeof VARIABLES)[K]['schema']> };

/** Defaults as documented; `undefined` means required (or derived, see docs/configuration.md). */
export const ENV_DEFAULTS = Object.fromEntries(
  Object.entries(VARIABLES).map(([name, v]) => [name, v.default]),
) as { readonly [K in EnvVariable]: (typeof VARIABLES)[K]['default'] };

/**
 * Every variable the BFF reads, in table order, with what applies when it is unset: its default,
 * `(required)`, or `(optional)` (unset has its own meaning; docs/configuration.md says which). For
 * `sgid-bff --help`, so the list there cannot drift from the schema.
 */
export function listEnvVariables(): Array<{ name: EnvVariable; whenUnset: string }> {
  return (Object.keys(VARIABLES) as EnvVariable[]).map((name) => {
    const fallback: string | undefined = VARIABLES[name].default;
    const required = fallback === undefined && !VARIABLES[name].schema.safeParse(undefined).success;
    const derived: string | undefined = VARIABLES[name].derived;
    return { name, whenUnset: fallback ?? derived ?? (required ? '(required)' : '(optional)') };
  });
}
