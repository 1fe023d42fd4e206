/**
 * The validated configuration every part of the BFF receives, and how it is built from the parsed
 * variables (after every rule passed), including the one filesystem probe: where the built SPA is.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CORPPASS_DEFAULT_AUTH_CONTEXT_TYPE,
  issuerForHostname,
  type ProviderName,
  SINGPASS_DEFAULT_AUTH_CONTEXT_TYPE,
  type SingpassAppType,
} from '@sgid-bff/protocol';
import type { JWK } from 'jose';
import { Secret } from '../secret';
import type { ApiRoute } from './api-routes';
import { defaultProviderOf, enabledProvidersOf } from './provider-groups';
import type { RateRule } from './rate-rule';
import {
  corppassRedirectUriOf,
  corppassScopesOf,
  redirectUriOf,
  singpassRedirectUriOf,
  singpassScopesOf,
} from './rules';
import type { TrustProxy } from './trust-proxy';
import type { ParsedEnv } from './variables';

/** The HTTP server's own limits (http/server-limits.ts applies them). */
export interface ServerLimits {
  readonly headersTimeoutMs: number;
  readonly requestTimeoutMs: number;
  readonly keepAliveTimeoutMs: number;
  readonly connectionTimeoutMs: number;
  /** Open connections one client network may hold (0: no bound); see http/limit-connections.ts. */
  readonly maxConnectionsPerAddress: number;
}

/** sgID's room (`SGID_*`), present when `SGID_CLIENT_ID` is set. */
export interface SgidConfig {
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
}

/** Singpass's room (`SINGPASS_*`, FAPI 2.0), present when `SINGPASS_CLIENT_ID` is set. */
export interface SingpassConfig {
  readonly clientId: string;
  /** Exact, no trailing slash; discovery is `<issuer>/.well-known/openid-configuration`. */
  readonly issuer: string;
  /** The private JWKS (config/singpass-keys.ts checked it): ≥ 1 ES* signing key, ≥ 1 ECDH-ES encryption key. */
  readonly keys: Secret<readonly JWK[]>;
  readonly redirectUri: string;
  readonly scopes: readonly string[];
  readonly appType: SingpassAppType;
  /** Login apps only: the `authentication_context_type` sent at PAR. */
  readonly authContextType?: string;
  readonly timeoutMs: number;
  readonly clockToleranceSeconds: number;
}

/** Corppass's room (`CORPPASS_*`, FAPI 2.0), present when `CORPPASS_CLIENT_ID` is set. */
export interface CorppassConfig {
  readonly clientId: string;
  /** Exact, no trailing slash (Corppass's issuer is the host's root: no `/fapi`). */
  readonly issuer: string;
  readonly keys: Secret<readonly JWK[]>;
  readonly redirectUri: string;
  readonly scopes: readonly string[];
  readonly authContextType: string;
  readonly timeoutMs: number;
  readonly clockToleranceSeconds: number;
}

/** The validated, frozen configuration every part of the BFF receives. */
export interface BffConfig {
  readonly nodeEnv: 'development' | 'production' | 'test';
  readonly port: number;
  readonly host: string;
  /** The origin browsers use, e.g. `https://app.example.gov.sg`. */
  readonly publicOrigin: string;
  /** True when `publicOrigin` is https (HSTS is sent). */
  readonly https: boolean;
  /** sgID, when enabled (`SGID_CLIENT_ID` set). */
  readonly sgid?: SgidConfig;
  /** Singpass, when enabled (`SINGPASS_CLIENT_ID` set). */
  readonly singpass?: SingpassConfig;
  /** Corppass, when enabled (`CORPPASS_CLIENT_ID` set). */
  readonly corppass?: CorppassConfig;
  /** The enabled providers (at least one) and the one `/auth/login` uses without `?provider=`. */
  readonly providers: {
    readonly enabled: readonly ProviderName[];
    readonly default: ProviderName;
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
    readonly kind: 'sqlite' | 'memory' | 'redis' | 'postgres';
    readonly dataDir: string;
    /** `REDIS_URL`, or its default when no topology is set; used when `redisTopology.kind` is single. */
    readonly redisUrl: Secret;
    /** Which Redis: `REDIS_URL`, a Sentinel group or a Cluster (exactly one, rules.ts). */
    readonly redisTopology: RedisTopologyConfig;
    readonly redisKeyPrefix: string;
    /** Longest a Redis command may take before the request fails with 503. */
    readonly redisTimeoutMs: number;
    readonly databaseUrl: Secret;
    readonly databaseSchema: string;
    readonly databasePoolSize: number;
    /** Longest a PostgreSQL connection attempt or statement may take before the request fails with 503. */
    readonly databaseTimeoutMs: number;
    /** Replicas that must acknowledge a session's creation or end (Redis `WAIT`). */
    readonly redisWaitReplicas: number;
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
  /** `TRACE_TRUST_INCOMING`: continue an incoming `traceparent` (a gateway's) instead of a new trace. */
  readonly traceTrustIncoming: boolean;
  /** fastify's `trustProxy`: false, true (development only) or the trusted proxies' addresses/ranges. */
  readonly trustProxy: TrustProxy;
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

export function buildConfig(env: ParsedEnv, warnings: string[]): BffConfig {
  return {
    nodeEnv: env.NODE_ENV,
    port: env.PORT,
    host: env.HOST,
    publicOrigin: env.PUBLIC_URL.origin,
    https: env.PUBLIC_URL.protocol === 'https:',
    sgid: buildSgidConfig(env),
    singpass: buildSingpassConfig(env),
    corppass: buildCorppassConfig(env),
    providers: { enabled: enabledProvidersOf(env), default: defaultProviderOf(env) },
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
      redisUrl: new Secret(env.REDIS_URL ?? 'redis://127.0.0.1:6379'),
      redisTopology: selectRedisTopology(env),
      redisKeyPrefix: env.REDIS_KEY_PREFIX,
      redisTimeoutMs: env.REDIS_TIMEOUT,
      databaseUrl: new Secret(env.DATABASE_URL),
      databaseSchema: env.DATABASE_SCHEMA,
      databasePoolSize: env.DATABASE_POOL_SIZE,
      databaseTimeoutMs: env.DATABASE_TIMEOUT,
      redisWaitReplicas: env.REDIS_WAIT_REPLICAS,
    },
    rateLimit: {
      login: env.RATE_LIMIT_LOGIN,
      callback: env.RATE_LIMIT_CALLBACK,
      ipv6PrefixBits: env.RATE_LIMIT_IPV6_PREFIX,
    },
    spaDir: selectSpaDir(env.SPA_DIR),
    logLevel: env.LOG_LEVEL,
    logRequests: env.LOG_REQUESTS,
    traceTrustIncoming: env.TRACE_TRUST_INCOMING,
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

function buildSgidConfig(env: ParsedEnv): SgidConfig | undefined {
  const { SGID_CLIENT_ID: clientId, SGID_CLIENT_SECRET: clientSecret, SGID_PRIVATE_KEY: key } = env;
  // provider-groups.ts refused a partial group, so all three are set or none is.
  if (clientId === undefined || clientSecret === undefined || key === undefined) return undefined;
  return {
    clientId,
    clientSecret,
    privateKeyPem: key,
    redirectUri: redirectUriOf(env),
    origin: env.SGID_HOSTNAME,
    issuer: issuerForHostname(env.SGID_HOSTNAME),
    scopes: env.SGID_SCOPES,
    compat: env.SGID_COMPAT,
    timeoutMs: env.SGID_TIMEOUT,
    clockToleranceSeconds: Math.round(env.SGID_CLOCK_TOLERANCE / 1000),
  };
}

function buildSingpassConfig(env: ParsedEnv): SingpassConfig | undefined {
  const { SINGPASS_CLIENT_ID: clientId, SINGPASS_KEYS: keys } = env;
  if (clientId === undefined || keys === undefined) return undefined;
  const login = env.SINGPASS_APP_TYPE === 'login';
  return {
    clientId,
    issuer: env.SINGPASS_ISSUER,
    keys,
    redirectUri: singpassRedirectUriOf(env),
    scopes: singpassScopesOf(env),
    appType: env.SINGPASS_APP_TYPE,
    ...(login
      ? { authContextType: env.SINGPASS_AUTH_CONTEXT_TYPE ?? SINGPASS_DEFAULT_AUTH_CONTEXT_TYPE }
      : {}),
    timeoutMs: env.SINGPASS_TIMEOUT,
    clockToleranceSeconds: Math.round(env.SINGPASS_CLOCK_TOLERANCE / 1000),
  };
}

function buildCorppassConfig(env: ParsedEnv): CorppassConfig | undefined {
  const { CORPPASS_CLIENT_ID: clientId, CORPPASS_KEYS: keys } = env;
  if (clientId === undefined || keys === undefined) return undefined;
  return {
    clientId,
    issuer: env.CORPPASS_ISSUER,
    keys,
    redirectUri: corppassRedirectUriOf(env),
    scopes: corppassScopesOf(env),
    authContextType: env.CORPPASS_AUTH_CONTEXT_TYPE ?? CORPPASS_DEFAULT_AUTH_CONTEXT_TYPE,
    timeoutMs: env.CORPPASS_TIMEOUT,
    clockToleranceSeconds: Math.round(env.CORPPASS_CLOCK_TOLERANCE / 1000),
  };
}

/** `SPA_DIR=none` serves no SPA; unset looks for the workspace's built SPA. */
function selectSpaDir(value: string | undefined): string | undefined {
  if (value === 'none') return undefined;
  return value ? path.resolve(value) : findDefaultSpaDir();
}

/** `packages/spa/dist` next to this package, from `src/config/` (tests, tsx) and `dist/` (the bundle) alike. */
function findDefaultSpaDir(): string | undefined {
  const candidates = [
    fileURLToPath(new URL('../../../spa/dist', import.meta.url)),
    fileURLToPath(new URL('../../spa/dist', import.meta.url)),
    path.resolve('packages/spa/dist'),
  ];
  return candidates.find((dir) => existsSync(path.join(dir, 'index.html')));
}

export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

export type RedisTopologyConfig =
  | { readonly kind: 'single' }
  | {
      readonly kind: 'sentinel';
      readonly sentinels: ReadonlyArray<{ readonly host: string; readonly port: number }>;
      readonly name: string;
      readonly sentinelPassword: Secret | undefined;
      readonly password: Secret | undefined;
    }
  | {
      readonly kind: 'cluster';
      readonly nodes: ReadonlyArray<{ readonly host: string; readonly port: number }>;
      readonly password: Secret | undefined;
    };

/** The Redis topology the variables name; rules.ts has already refused more than one. */
function selectRedisTopology(env: ParsedEnv): RedisTopologyConfig {
  if (env.REDIS_SENTINELS !== undefined)
    return {
      kind: 'sentinel',
      sentinels: env.REDIS_SENTINELS,
      name: env.REDIS_SENTINEL_NAME ?? '',
      sentinelPassword: env.REDIS_SENTINEL_PASSWORD,
      password: env.REDIS_PASSWORD,
    };
  if (env.REDIS_CLUSTER_NODES !== undefined)
    return { kind: 'cluster', nodes: env.REDIS_CLUSTER_NODES, password: env.REDIS_PASSWORD };
  return { kind: 'single' };
}
