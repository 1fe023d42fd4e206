/**
 * Rules between variables, one table keyed by the variable each rule's problem names, and one classifier
 * that decides what a broken rule is:
 * - a **conflict** (variables that contradict each other) is refused everywhere: `CONFIG_CONFLICT`;
 * - a **development convenience** is refused under `NODE_ENV=production` (`CONFIG_REFUSED_IN_PRODUCTION`)
 *   and allowed with a loud warning elsewhere (SECURITY.md: dev-only defaults warn at start-up).
 * A rule runs when every variable it reads parsed (a variable that did not has its own problem already),
 * so one load reports the field problems and the rule problems together.
 */
import {
  CORPPASS_SCOPES,
  MYINFO_SCOPES,
  OPENID_SCOPE,
  SINGPASS_DEFAULT_AUTH_CONTEXT_TYPE,
  SINGPASS_LOGIN_SCOPES,
} from '@sgid-bff/protocol';
import type { ConfigProblem, ConfigProblemCode } from './config-error';
import type { EnvVariable, ParsedEnv } from './variables';

type RuleKind = 'conflict' | 'convenience';

interface Rule {
  readonly kind: RuleKind;
  readonly reads: readonly EnvVariable[];
  /** The problems found, each a message about the variable the rule is filed under. */
  readonly check: (env: ParsedEnv) => string[];
}

/** A rule between `reads`; `check` sees only those variables. */
function conflict<K extends EnvVariable>(
  reads: readonly K[],
  check: (env: Pick<ParsedEnv, K>) => string[],
): Rule {
  return { kind: 'conflict', reads, check };
}

/** A development convenience in use when `inUse`; `why` is what it costs. */
function convenience<K extends EnvVariable>(
  reads: readonly K[],
  inUse: (env: Pick<ParsedEnv, K>) => boolean,
  why: string,
): Rule {
  return { kind: 'convenience', reads: [...reads, 'NODE_ENV'], check: (env) => (inUse(env) ? [why] : []) };
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * sgID's redirect URI: `SGID_REDIRECT_URI`, or this BFF's own `/auth/callback` (sgID's since the first
 * release, so registered values keep working; `/auth/callback/sgid` is accepted too).
 */
export function redirectUriOf(env: Pick<ParsedEnv, 'SGID_REDIRECT_URI' | 'PUBLIC_URL'>): string {
  return env.SGID_REDIRECT_URI ?? `${env.PUBLIC_URL.origin}/auth/callback`;
}

/** Singpass's redirect URI: `SINGPASS_REDIRECT_URI`, or this BFF's `/auth/callback/singpass`. */
export function singpassRedirectUriOf(env: Pick<ParsedEnv, 'SINGPASS_REDIRECT_URI' | 'PUBLIC_URL'>): string {
  return env.SINGPASS_REDIRECT_URI ?? `${env.PUBLIC_URL.origin}/auth/callback/singpass`;
}

/** Corppass's redirect URI: `CORPPASS_REDIRECT_URI`, or this BFF's `/auth/callback/corppass`. */
export function corppassRedirectUriOf(env: Pick<ParsedEnv, 'CORPPASS_REDIRECT_URI' | 'PUBLIC_URL'>): string {
  return env.CORPPASS_REDIRECT_URI ?? `${env.PUBLIC_URL.origin}/auth/callback/corppass`;
}

/** The scopes Corppass is asked for when `CORPPASS_SCOPES` is unset: who acts, for which entity, with which roles. */
export const CORPPASS_DEFAULT_SCOPES = [
  'openid',
  'authinfo',
  'entity.identity',
  'entity.basic_profile.entity_name',
  'user.identity',
  'user.name',
] as const;

/** `CORPPASS_SCOPES`, or the default. */
export function corppassScopesOf(env: Pick<ParsedEnv, 'CORPPASS_SCOPES'>): string[] {
  return env.CORPPASS_SCOPES ?? [...CORPPASS_DEFAULT_SCOPES];
}

/** The scopes a Login app asks for when `SINGPASS_SCOPES` is unset. */
export const SINGPASS_DEFAULT_LOGIN_SCOPES = ['openid', 'user.identity', 'name'] as const;

/** `SINGPASS_SCOPES`, or the Login app default (a Myinfo app must set them: provider-groups.ts). */
export function singpassScopesOf(env: Pick<ParsedEnv, 'SINGPASS_SCOPES'>): string[] {
  return env.SINGPASS_SCOPES ?? [...SINGPASS_DEFAULT_LOGIN_SCOPES];
}

/** Scopes each Singpass app type may ask for (SINGPASS-CORPPASS-FAPI.md §5). */
const SINGPASS_ALLOWED_SCOPES = {
  login: new Set<string>(SINGPASS_LOGIN_SCOPES),
  myinfo: new Set<string>([OPENID_SCOPE, ...MYINFO_SCOPES]),
};

/** A rule about Singpass, checked only when Singpass is enabled. */
function singpassConflict<K extends EnvVariable>(
  reads: readonly K[],
  check: (env: Pick<ParsedEnv, K | 'SINGPASS_CLIENT_ID'>) => string[],
): Rule {
  return conflict([...reads, 'SINGPASS_CLIENT_ID'], (env) =>
    env.SINGPASS_CLIENT_ID === undefined ? [] : check(env),
  );
}

/** The callback path a redirect URI must have: this BFF's route for the provider. */
function checkCallbackUri(uri: string, publicUrl: URL, paths: readonly string[]): string[] {
  const url = new URL(uri);
  const problems: string[] = [];
  if (url.origin !== publicUrl.origin)
    problems.push(`must be on PUBLIC_URL's origin ${publicUrl.origin}, got ${url.origin}`);
  if (!paths.includes(url.pathname) || url.search || url.hash)
    problems.push(`must be <PUBLIC_URL>${paths.join(' or <PUBLIC_URL>')}, the BFF callback route`);
  return problems;
}

/** Every rule, filed under the variable its problem names; the order is the order of the report. */
const RULES: Partial<Record<EnvVariable, Rule>> = {
  // The login cookie is only sent to this BFF's callback, so sgID must redirect exactly there.
  SGID_REDIRECT_URI: conflict(['SGID_REDIRECT_URI', 'PUBLIC_URL'], (env) =>
    checkCallbackUri(redirectUriOf(env), env.PUBLIC_URL, ['/auth/callback', '/auth/callback/sgid']),
  ),
  SINGPASS_REDIRECT_URI: singpassConflict(['SINGPASS_REDIRECT_URI', 'PUBLIC_URL'], (env) =>
    checkCallbackUri(singpassRedirectUriOf(env), env.PUBLIC_URL, ['/auth/callback/singpass']),
  ),
  SINGPASS_SCOPES: singpassConflict(['SINGPASS_SCOPES', 'SINGPASS_APP_TYPE'], (env) => {
    // Unset: the Login default (always allowed), or a Myinfo app's own problem (provider-groups.ts).
    if (env.SINGPASS_SCOPES === undefined) return [];
    const allowed = SINGPASS_ALLOWED_SCOPES[env.SINGPASS_APP_TYPE];
    const unknown = env.SINGPASS_SCOPES.filter((scope) => !allowed.has(scope));
    return unknown.length === 0
      ? []
      : [`${unknown.join(', ')} not allowed for a ${env.SINGPASS_APP_TYPE} app (SINGPASS_APP_TYPE)`];
  }),
  SINGPASS_AUTH_CONTEXT_TYPE: singpassConflict(['SINGPASS_AUTH_CONTEXT_TYPE', 'SINGPASS_APP_TYPE'], (env) =>
    env.SINGPASS_APP_TYPE === 'myinfo' && env.SINGPASS_AUTH_CONTEXT_TYPE !== undefined
      ? [
          `is for Login apps only; unset it for a Myinfo app (Login apps default to ${SINGPASS_DEFAULT_AUTH_CONTEXT_TYPE})`,
        ]
      : [],
  ),
  CORPPASS_REDIRECT_URI: conflict(['CORPPASS_REDIRECT_URI', 'PUBLIC_URL', 'CORPPASS_CLIENT_ID'], (env) =>
    env.CORPPASS_CLIENT_ID === undefined
      ? []
      : checkCallbackUri(corppassRedirectUriOf(env), env.PUBLIC_URL, ['/auth/callback/corppass']),
  ),
  CORPPASS_SCOPES: conflict(['CORPPASS_SCOPES', 'CORPPASS_CLIENT_ID'], (env) => {
    if (env.CORPPASS_CLIENT_ID === undefined || env.CORPPASS_SCOPES === undefined) return [];
    const allowed = new Set<string>(CORPPASS_SCOPES);
    const unknown = env.CORPPASS_SCOPES.filter((scope) => !allowed.has(scope));
    return unknown.length === 0 ? [] : [`${unknown.join(', ')} not Corppass scopes`];
  }),
  SESSION_ABSOLUTE_TIMEOUT: conflict(['SESSION_ABSOLUTE_TIMEOUT', 'SESSION_IDLE_TIMEOUT'], (env) =>
    env.SESSION_ABSOLUTE_TIMEOUT < env.SESSION_IDLE_TIMEOUT
      ? ['must not be shorter than SESSION_IDLE_TIMEOUT']
      : [],
  ),
  PUBLIC_URL: convenience(
    ['PUBLIC_URL'],
    (env) => env.PUBLIC_URL.protocol === 'http:' && !LOOPBACK.has(env.PUBLIC_URL.hostname),
    'plain http on a non-local host: browsers drop Secure __Host- cookies there, so logins will not stick',
  ),
  SGID_COMPAT: convenience(
    ['SGID_COMPAT'],
    (env) => env.SGID_COMPAT === 'mockpass',
    'mockpass accepts MockPass JWE algorithms that real sgID never uses',
  ),
  SESSION_STORE: convenience(
    ['SESSION_STORE'],
    (env) => env.SESSION_STORE === 'memory',
    'memory loses every session on restart and is not shared',
  ),
  // One Redis topology: a Sentinel group, a Cluster, or one server.
  REDIS_SENTINELS: conflict(['REDIS_SENTINELS', 'REDIS_URL', 'REDIS_CLUSTER_NODES'], (env) => {
    if (env.REDIS_SENTINELS === undefined) return [];
    const others = [
      env.REDIS_URL !== undefined && 'REDIS_URL',
      env.REDIS_CLUSTER_NODES !== undefined && 'REDIS_CLUSTER_NODES',
    ].filter((name): name is string => typeof name === 'string');
    return others.length > 0 ? [`set only one Redis topology: unset ${others.join(' and ')}`] : [];
  }),
  REDIS_CLUSTER_NODES: conflict(['REDIS_CLUSTER_NODES', 'REDIS_URL'], (env) =>
    env.REDIS_CLUSTER_NODES !== undefined && env.REDIS_URL !== undefined
      ? ['set only one Redis topology: unset REDIS_URL']
      : [],
  ),
  REDIS_SENTINEL_NAME: conflict(['REDIS_SENTINEL_NAME', 'REDIS_SENTINELS'], (env) => {
    if (env.REDIS_SENTINELS !== undefined && env.REDIS_SENTINEL_NAME === undefined)
      return ['is required with REDIS_SENTINELS: the master group name the sentinels monitor'];
    if (env.REDIS_SENTINELS === undefined && env.REDIS_SENTINEL_NAME !== undefined)
      return ['is only used with REDIS_SENTINELS'];
    return [];
  }),
  REDIS_SENTINEL_PASSWORD: conflict(['REDIS_SENTINEL_PASSWORD', 'REDIS_SENTINELS'], (env) =>
    env.REDIS_SENTINEL_PASSWORD !== undefined && env.REDIS_SENTINELS === undefined
      ? ['is only used with REDIS_SENTINELS']
      : [],
  ),
  // One place for a password: the URL's, for one server.
  REDIS_PASSWORD: conflict(['REDIS_PASSWORD', 'REDIS_URL'], (env) =>
    env.REDIS_PASSWORD !== undefined && env.REDIS_URL !== undefined
      ? ['is for REDIS_SENTINELS or REDIS_CLUSTER_NODES; with REDIS_URL put the password in the URL']
      : [],
  ),
  SGID_HOSTNAME: convenience(
    ['SGID_HOSTNAME'],
    (env) => new URL(env.SGID_HOSTNAME).protocol === 'http:',
    'plain http to the provider is for local emulators only',
  ),
  CORPPASS_ISSUER: convenience(
    ['CORPPASS_ISSUER', 'CORPPASS_CLIENT_ID'],
    (env) => env.CORPPASS_CLIENT_ID !== undefined && new URL(env.CORPPASS_ISSUER).protocol === 'http:',
    'plain http to the provider is for local emulators only',
  ),
  SINGPASS_ISSUER: convenience(
    ['SINGPASS_ISSUER', 'SINGPASS_CLIENT_ID'],
    (env) => env.SINGPASS_CLIENT_ID !== undefined && new URL(env.SINGPASS_ISSUER).protocol === 'http:',
    'plain http to the provider is for local emulators only',
  ),
  // Every claim a proxy route forwards must be a scope the BFF asks sgID for.
  // Claims are sgID data items (proxy/identity-token.ts): without sgID no session has any.
  API_ROUTES: conflict(['API_ROUTES', 'SGID_SCOPES', 'SGID_CLIENT_ID'], (env) =>
    env.API_ROUTES.flatMap((route, i) =>
      route.claims
        .filter((claim) => env.SGID_CLIENT_ID === undefined || !env.SGID_SCOPES.includes(claim))
        .map((claim) =>
          env.SGID_CLIENT_ID === undefined
            ? `[${i}].claims: ${claim} is an sgID data item and sgID is not enabled, so no session has it`
            : `[${i}].claims: ${claim} is not in SGID_SCOPES, so no session has it`,
        ),
    ),
  ),
  // A generated key differs per instance, so upstreams behind a load balancer would reject half the tokens.
  PROXY_SIGNING_KEY: convenience(
    ['API_ROUTES', 'PROXY_SIGNING_KEY'],
    (env) => env.API_ROUTES.length > 0 && env.PROXY_SIGNING_KEY === undefined,
    'unset: identity tokens are signed with a key generated in DATA_DIR, different on every instance',
  ),
  // Any client could choose its own address, and so its own rate limit.
  TRUST_PROXY: convenience(
    ['TRUST_PROXY'],
    (env) => env.TRUST_PROXY === true,
    'true believes X-Forwarded-For from anyone; list your proxies instead',
  ),
  // The headers are part of the request; Node refuses the opposite.
  HEADERS_TIMEOUT: conflict(['HEADERS_TIMEOUT', 'REQUEST_TIMEOUT'], (env) =>
    env.HEADERS_TIMEOUT > env.REQUEST_TIMEOUT ? ['must not be longer than REQUEST_TIMEOUT'] : [],
  ),
  // Longer than every quiet wait a request may have on purpose: an upstream's answer (API_TIMEOUT, each
  // route's timeout) and the callback's calls to sgID (token, userinfo and JWKS in a row).
  CONNECTION_TIMEOUT: conflict(
    [
      'CONNECTION_TIMEOUT',
      'API_TIMEOUT',
      'SGID_TIMEOUT',
      'API_ROUTES',
      'SINGPASS_TIMEOUT',
      'SINGPASS_CLIENT_ID',
    ],
    (env) => {
      const waits: Array<[string, number]> = [
        ['API_TIMEOUT', env.API_TIMEOUT],
        ['3 × SGID_TIMEOUT', 3 * env.SGID_TIMEOUT],
        ...(env.SINGPASS_CLIENT_ID === undefined
          ? []
          : [['3 × SINGPASS_TIMEOUT', 3 * env.SINGPASS_TIMEOUT] as [string, number]]),
        ...env.API_ROUTES.map((r): [string, number] => [
          `the timeout of API route ${r.prefix}`,
          r.timeoutMs ?? 0,
        ]),
      ];
      return waits
        .filter(([, ms]) => env.CONNECTION_TIMEOUT <= ms)
        .map(([name, ms]) => `must be longer than ${name} (${ms} ms), or such requests are cut off`);
    },
  ),
};

/** The classifier: what a broken rule of `kind` is under `nodeEnv`, a problem with its code or a warning. */
function classify(kind: RuleKind, nodeEnv: string | undefined): ConfigProblemCode | 'warning' {
  if (kind === 'conflict') return 'CONFIG_CONFLICT';
  return nodeEnv === 'production' ? 'CONFIG_REFUSED_IN_PRODUCTION' : 'warning';
}

/** Run every rule whose inputs parsed; `parsed` holds exactly the variables that did. */
export function checkRules(parsed: Partial<ParsedEnv>): { problems: ConfigProblem[]; warnings: string[] } {
  const problems: ConfigProblem[] = [];
  const warnings: string[] = [];
  for (const [variable, rule] of Object.entries(RULES) as Array<[EnvVariable, Rule]>) {
    if (!rule.reads.every((name) => Object.hasOwn(parsed, name))) continue;
    const verdict = classify(rule.kind, parsed.NODE_ENV);
    for (const found of rule.check(parsed as ParsedEnv)) {
      if (verdict === 'warning') warnings.push(`${variable}: development only — ${found}`);
      else if (verdict === 'CONFIG_CONFLICT') problems.push({ variable, code: verdict, message: found });
      else problems.push({ variable, code: verdict, message: `not allowed in production (${found})` });
    }
  }
  return { problems, warnings };
}
