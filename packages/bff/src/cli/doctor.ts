/**
 * `sgid-bff doctor`: checks a deployment's configuration and surroundings before the first user does, and
 * prints a ✔/✖ line per check. Exit code 1 when anything fails.
 */
import { SGID_PATHS } from '@sgid-bff/protocol';
import { type BffConfig, ConfigError, loadConfig } from '../config';
import { describeNetworkError } from '../describe-network-error';
import { getModulusLength, importPrivateKey } from '../private-key';
import type { FetchLike } from '../provider/call-provider';
import { createStoreFromConfig, redisTopologyOf } from '../store/create-store';
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

  const checks: Check[] = [
    { name: 'private key', run: checkPrivateKey },
    {
      name: 'redirect URI',
      run: (c) => ({ ok: true, detail: `${c.sgid.redirectUri} (register exactly this with sgID)` }),
    },
    { name: 'cookies', run: checkCookieScheme },
    { name: 'store', run: checkStore },
    { name: 'sgID provider', run: (c) => checkProvider(c, fetchImpl, clock) },
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

function checkPrivateKey(config: BffConfig): Outcome {
  const bits = getModulusLength(importPrivateKey(config.sgid.privateKeyPem.reveal()));
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

async function checkProvider(config: BffConfig, fetchImpl: FetchLike, clock: () => number): Promise<Outcome> {
  const url = `${config.sgid.origin}${SGID_PATHS.jwks}`;
  const timeoutMs = config.sgid.timeoutMs;
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
  const tolerance = Math.max(config.sgid.clockToleranceSeconds, 2);
  if (Math.abs(skewSeconds) > tolerance)
    return {
      ok: false,
      detail: `clock differs from the provider's (${url}) by ${skewSeconds} s (tolerance ${tolerance} s)`,
    };
  return { ok: true, detail: `JWKS has ${rsaKeys} RSA key(s); clock skew ${skewSeconds} s` };
}
