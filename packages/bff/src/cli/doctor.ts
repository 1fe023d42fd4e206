/**
 * `sgid-bff doctor`: checks a deployment's configuration and surroundings before the first user does, and
 * prints a ✔/✖ line per check. Exit code 1 when anything fails. Each enabled provider gets its own checks:
 * sgID its RSA key, redirect URI, JWKS and clock; Singpass its keys, redirect URI, discovery document and
 * the JWKS it names. A failed check names the URL or variable and the cause.
 */
import { SGID_PATHS } from '@sgid-bff/protocol';
import { type BffConfig, ConfigError, loadConfig, type SgidConfig, type SingpassConfig } from '../config';
import { describeNetworkError } from '../describe-network-error';
import { getModulusLength, importPrivateKey } from '../private-key';
import type { FetchLike } from '../providers/call-provider';
import { createStoreFromConfig, redisTopologyOf } from '../store/create-store';
import { connectPostgresClient } from '../store/postgres-connect';
import { LATEST_SCHEMA_VERSION, readSchemaVersion } from '../store/postgres-migrations';
import { describeTopology } from '../store/redis-connection';

export interface DoctorDeps {
  fetch?: FetchLike;
  clock?: () => number;
  write?: (line: string) => void;
}

type Outcome = { ok: boolean; detail: string };
type Check = { name: string; run: (config: BffConfig) => Promise<Outcome> | Outcome };

export async function runDoctor(
  env: Readonly<Record<string, string | undefined>>,
  deps: DoctorDeps = {},
): Promise<number> {
  const write = deps.write ?? ((line: string) => process.stdout.write(`${line}\n`));
  const fetchImpl = deps.fetch ?? fetch;
  const clock = deps.clock ?? Date.now;
  let config: BffConfig;
  try {
    config = loadConfig(env);
    write('✔ configuration — every variable is valid');
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    for (const problem of error.problems) write(`✖ configuration — ${problem}`);
    return 1;
  }
  for (const warning of config.warnings) write(`! ${warning}`);

  const { sgid, singpass } = config;
  const checks: Check[] = [
    ...(sgid
      ? [
          { name: 'private key', run: () => checkPrivateKey(sgid) },
          {
            name: 'redirect URI',
            run: () => ({ ok: true, detail: `${sgid.redirectUri} (register exactly this with sgID)` }),
          },
        ]
      : []),
    ...(singpass
      ? [
          { name: 'Singpass keys', run: () => checkSingpassKeys(singpass) },
          { name: 'Singpass redirect URI', run: (c: BffConfig) => checkSingpassRedirect(c, singpass) },
        ]
      : []),
    { name: 'cookies', run: checkCookieScheme },
    { name: 'store', run: checkStore },
    ...(sgid ? [{ name: 'sgID provider', run: () => checkProvider(sgid, fetchImpl, clock) }] : []),
    ...(singpass
      ? [{ name: 'Singpass provider', run: () => checkSingpassProvider(singpass, fetchImpl) }]
      : []),
  ];
  let failed = false;
  for (const check of checks) {
    let outcome: Outcome;
    try {
      outcome = await check.run(config);
    } catch (error) {
      outcome = { ok: false, detail: error instanceof Error ? error.message : String(error) };
    }
    failed ||= !outcome.ok;
    write(`${outcome.ok ? '✔' : '✖'} ${check.name} — ${outcome.detail}`);
  }
  write(failed ? 'Some checks failed.' : 'All checks passed.');
  return failed ? 1 : 0;
}

function checkPrivateKey(sgid: SgidConfig): Outcome {
  const bits = getModulusLength(importPrivateKey(sgid.privateKeyPem.reveal()));
  return bits === 2048
    ? { ok: true, detail: 'RSA private key, 2048 bits' }
    : { ok: false, detail: `RSA private key of ${bits} bits; sgID issues 2048-bit keys` };
}

function checkCookieScheme(config: BffConfig): Outcome {
  const { hostname } = new URL(config.publicOrigin);
  if (config.https) return { ok: true, detail: `${config.session.cookieName} is Secure over https` };
  if (hostname === 'localhost' || hostname === '127.0.0.1' || hostname === '[::1]')
    return { ok: true, detail: 'http on localhost is a secure context: __Host- cookies work' };
  return { ok: false, detail: `browsers refuse Secure __Host- cookies on http://${hostname}; use https` };
}

/** Opening failures name their variable already (`StoreOpenError`); a failed ping is described here. */
async function checkStore(config: BffConfig): Promise<Outcome> {
  if (config.store.kind === 'postgres') return checkPostgres(config.store);
  const store = await createStoreFromConfig(config);
  try {
    await store.ping();
    return { ok: true, detail: `${store.kind} answers` };
  } catch (error) {
    const where = store.kind === 'redis' ? describeTopology(redisTopologyOf(config)) : store.kind;
    return { ok: false, detail: `${where} does not answer: ${describeNetworkError(error)}` };
  } finally {
    await store.close();
  }
}

/**
 * PostgreSQL is checked without opening the store, which would migrate: doctor only reads. A schema behind
 * this release is fine (starting migrates it) but said, so an operator who migrates by hand knows.
 */
async function checkPostgres(store: BffConfig['store']): Promise<Outcome> {
  const client = await connectPostgresClient(store.databaseUrl.reveal(), store.databaseTimeoutMs);
  try {
    const version = await readSchemaVersion(client, store.databaseSchema);
    const where = `postgres answers; schema ${store.databaseSchema}`;
    if (version === LATEST_SCHEMA_VERSION)
      return { ok: true, detail: `${where} at version ${version} (current)` };
    if (version > LATEST_SCHEMA_VERSION)
      return {
        ok: true,
        detail: `${where} at version ${version}, ahead of this release (${LATEST_SCHEMA_VERSION})`,
      };
    return {
      ok: true,
      detail: `${where} at version ${version} of ${LATEST_SCHEMA_VERSION}: starting the BFF (or sgid-bff migrate) brings it up to date`,
    };
  } finally {
    await client.end().catch(() => {});
  }
}

async function checkProvider(sgid: SgidConfig, fetchImpl: FetchLike, clock: () => number): Promise<Outcome> {
  const url = `${sgid.origin}${SGID_PATHS.jwks}`;
  const timeoutMs = sgid.timeoutMs;
  let response: Response;
  let jwks: { keys?: unknown } | null;
  try {
    response = await fetchImpl(url, { signal: AbortSignal.timeout(timeoutMs) });
    if (response.status !== 200) return { ok: false, detail: `${url} answered ${response.status}` };
    jwks = (await response.json()) as typeof jwks;
  } catch (error) {
    const reason =
      error instanceof SyntaxError ? 'the answer is not JSON' : describeNetworkError(error, { timeoutMs });
    return { ok: false, detail: `${url} (SGID_HOSTNAME): ${reason}` };
  }
  const keys: unknown[] = Array.isArray(jwks?.keys) ? jwks.keys : [];
  const rsaKeys = keys.filter((k) => (k as { kty?: unknown } | null)?.kty === 'RSA').length;
  if (rsaKeys === 0) return { ok: false, detail: `${url} has no RSA signing key` };
  const date = response.headers.get('date');
  const skewSeconds = date ? Math.round((clock() - Date.parse(date)) / 1000) : undefined;
  if (skewSeconds === undefined)
    return { ok: true, detail: `JWKS has ${rsaKeys} RSA key(s); no Date header to compare clocks` };
  const tolerance = Math.max(sgid.clockToleranceSeconds, 2);
  if (Math.abs(skewSeconds) > tolerance)
    return {
      ok: false,
      detail: `clock differs from the provider's (${url}) by ${skewSeconds} s (tolerance ${tolerance} s)`,
    };
  return { ok: true, detail: `JWKS has ${rsaKeys} RSA key(s); clock skew ${skewSeconds} s` };
}

/** The configuration loaded, so the keys passed every rule of config/singpass-keys.ts: say what is there. */
function checkSingpassKeys(singpass: SingpassConfig): Outcome {
  const keys = singpass.keys.reveal();
  const describe = (use: string) =>
    keys
      .filter((k) => k.use === use)
      .map((k) => `${k.kid} ${k.alg} ${k.crv}`)
      .join(', ');
  return {
    ok: true,
    detail: `signing: ${describe('sig')}; encryption: ${describe('enc')} (register the public halves: /auth/singpass/jwks.json)`,
  };
}

function checkSingpassRedirect(config: BffConfig, singpass: SingpassConfig): Outcome {
  const url = new URL(singpass.redirectUri);
  if (url.origin !== config.publicOrigin)
    return {
      ok: false,
      detail: `SINGPASS_REDIRECT_URI ${singpass.redirectUri} is not on PUBLIC_URL's origin ${config.publicOrigin}`,
    };
  return {
    ok: true,
    detail: `${singpass.redirectUri} (register exactly this, and ${config.publicOrigin}/auth/singpass/jwks.json as the JWKS URL, on the Singpass Developer Portal)`,
  };
}

/** GET a JSON document within the provider's deadline; a failure names the URL, its variable and the cause. */
async function fetchJson(
  fetchImpl: FetchLike,
  url: string,
  variable: string,
  timeoutMs: number,
): Promise<{ ok: true; json: unknown } | { ok: false; detail: string }> {
  try {
    const response = await fetchImpl(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'manual' });
    if (response.status !== 200)
      return { ok: false, detail: `${url} (${variable}) answered ${response.status}` };
    return { ok: true, json: await response.json() };
  } catch (error) {
    const reason =
      error instanceof SyntaxError ? 'the answer is not JSON' : describeNetworkError(error, { timeoutMs });
    return { ok: false, detail: `${url} (${variable}): ${reason}` };
  }
}

/** Discovery at `<issuer>/.well-known/openid-configuration` names this issuer, and its `jwks_uri` answers. */
async function checkSingpassProvider(singpass: SingpassConfig, fetchImpl: FetchLike): Promise<Outcome> {
  const discoveryUrl = `${singpass.issuer}/.well-known/openid-configuration`;
  const discovery = await fetchJson(fetchImpl, discoveryUrl, 'SINGPASS_ISSUER', singpass.timeoutMs);
  if (!discovery.ok) return discovery;
  const metadata = (discovery.json ?? {}) as { issuer?: unknown; jwks_uri?: unknown };
  if (metadata.issuer !== singpass.issuer)
    return {
      ok: false,
      detail: `${discoveryUrl} names issuer ${String(metadata.issuer)}, not SINGPASS_ISSUER ${singpass.issuer}`,
    };
  if (typeof metadata.jwks_uri !== 'string') return { ok: false, detail: `${discoveryUrl} has no jwks_uri` };
  const jwks = await fetchJson(
    fetchImpl,
    metadata.jwks_uri,
    'jwks_uri of SINGPASS_ISSUER',
    singpass.timeoutMs,
  );
  if (!jwks.ok) return jwks;
  const keys = (jwks.json as { keys?: unknown } | null)?.keys;
  const ecKeys = Array.isArray(keys)
    ? keys.filter((k) => (k as { kty?: unknown } | null)?.kty === 'EC').length
    : 0;
  if (ecKeys === 0) return { ok: false, detail: `${metadata.jwks_uri} has no EC key` };
  return { ok: true, detail: `discovery at ${discoveryUrl}; JWKS has ${ecKeys} EC key(s)` };
}
