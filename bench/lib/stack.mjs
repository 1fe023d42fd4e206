// Start each system under test on loopback: our emulator and BFF (from their built bundles), MockPass 4.3.4,
// the official-example peer and the raw Node ceiling server. Reuses the dev-client helpers of scripts/lib.
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DEV_SCOPES, ensureDevClient, ensureDevSingpassClient } from '../../scripts/lib/stack.mjs';
import { root, startNode, tmpDir } from './procs.mjs';

export const EMULATOR_MAIN = path.join(root, 'packages', 'emulator', 'dist', 'main.js');
export const BFF_MAIN = path.join(root, 'packages', 'bff', 'dist', 'main.js');
export const BFF_INDEX = path.join(root, 'packages', 'bff', 'dist', 'index.js');

/** A persona that both MockPass 4.3.4 and our emulator know. */
export const BENCH_NRIC = 'S9812381D';

/**
 * The scopes every login flow of the benchmark asks for, whichever the pairing: the same data crosses the
 * wire and is decrypted everywhere. Six data fields, the common shape of a citizen-facing service.
 */
export const BENCH_SCOPES = [
  'openid',
  'myinfo.name',
  'myinfo.nric_number',
  'myinfo.email',
  'myinfo.mobile_number_with_country_code',
  'myinfo.date_of_birth',
  'myinfo.registered_address',
];

/** An empty directory for one process's data (a store file from an earlier run may have an older schema). */
function freshDir(name) {
  const dir = path.join(tmpDir, 'run', name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** The bench's client registration (id, secret, RSA key pair) and PEM files of its keys. */
export function benchClient() {
  const dataDir = path.join(tmpDir, 'data');
  mkdirSync(dataDir, { recursive: true });
  const client = ensureDevClient(dataDir);
  const privateKeyFile = path.join(dataDir, 'client-key.pem');
  const publicKeyFile = path.join(dataDir, 'client-key.pub.pem');
  writeFileSync(privateKeyFile, client.privateKey, { mode: 0o600 });
  writeFileSync(publicKeyFile, client.publicKey);
  return { ...client, privateKeyFile, publicKeyFile, dataDir };
}

/** The Myinfo scopes the Singpass flows ask for: the same six data items as BENCH_SCOPES. */
export const BENCH_SINGPASS_SCOPES = ['openid', 'name', 'uinfin', 'email', 'mobileno', 'dob', 'regadd'];

/** The bench's Singpass app (a Myinfo app): a 32-character id and a private JWKS, its file for SINGPASS_KEYS. */
export function benchSingpassClient() {
  const dataDir = path.join(tmpDir, 'data');
  mkdirSync(dataDir, { recursive: true });
  const client = ensureDevSingpassClient(dataDir);
  const keysFile = path.join(dataDir, 'singpass-keys.json');
  writeFileSync(keysFile, JSON.stringify(client.keys), { mode: 0o600 });
  return { ...client, keysFile };
}

/** The emulator's config entry for the bench's Singpass app, redirecting to `redirectUri`. */
export function singpassEmulatorClient(singpass, redirectUri) {
  return {
    provider: 'singpass',
    id: singpass.id,
    name: singpass.name,
    appType: 'myinfo',
    redirectUris: [redirectUri],
    scopes: BENCH_SINGPASS_SCOPES,
    jwks: singpass.publicKeys,
  };
}

/** The BFF's environment enabling that Singpass app against the emulator at `emulatorUrl`. */
export function singpassBffEnv(singpass, emulatorUrl) {
  return {
    SINGPASS_CLIENT_ID: singpass.id,
    SINGPASS_ISSUER: `${emulatorUrl}/singpass/v3/fapi`,
    SINGPASS_KEYS: singpass.keysFile,
    SINGPASS_APP_TYPE: 'myinfo',
    SINGPASS_SCOPES: BENCH_SINGPASS_SCOPES.join(' '),
  };
}

export function bundlesPresent() {
  return { emulator: existsSync(EMULATOR_MAIN), bff: existsSync(BFF_MAIN), bffIndex: existsSync(BFF_INDEX) };
}

/** MockPass 4.3.4 on 127.0.0.1:port, approving every login at once as BENCH_NRIC. */
export async function startMockpass({ port, client, name = 'mockpass' }) {
  const cwd = path.join(tmpDir, 'mockpass-cwd'); // no stray .env for MockPass's dotenv
  mkdirSync(cwd, { recursive: true });
  const proc = startNode({
    name,
    script: path.join(root, 'bench', 'peers', 'mockpass.mjs'),
    cwd,
    env: {
      MOCKPASS_PORT: String(port),
      MOCKPASS_HOST: '127.0.0.1',
      SERVICE_PROVIDER_PUB_KEY: client.publicKeyFile,
      MOCKPASS_NRIC: BENCH_NRIC,
      SHOW_LOGIN_PAGE: 'false',
    },
  });
  const url = `http://127.0.0.1:${port}`;
  await proc.waitForHttp(`${url}/v2/.well-known/jwks.json`);
  return { proc, url };
}

/** The official-example peer on 127.0.0.1:port, against the provider at providerUrl. */
export async function startOfficialExample({ port, providerUrl, client, scopes = BENCH_SCOPES }) {
  const publicUrl = `http://localhost:${port}`;
  const proc = startNode({
    name: 'official-example',
    script: path.join(root, 'bench', 'peers', 'official-example.mjs'),
    env: {
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: publicUrl,
      SGID_HOSTNAME: providerUrl,
      SGID_CLIENT_ID: client.id,
      SGID_CLIENT_SECRET: client.secret,
      SGID_PRIVATE_KEY: client.privateKeyFile,
      SGID_SCOPES: scopes.join(' '),
    },
  });
  await proc.waitForHttp(`http://127.0.0.1:${port}/api/userinfo`);
  return { proc, url: publicUrl };
}

/** The raw Node ceiling server answering fixed responses ({ path: { status, headers, body } }). */
export async function startRawJson({ port, responses, name = 'raw-node' }) {
  mkdirSync(tmpDir, { recursive: true });
  const file = path.join(tmpDir, `${name}-responses.json`);
  writeFileSync(file, JSON.stringify(responses));
  const proc = startNode({
    name,
    script: path.join(root, 'bench', 'peers', 'raw-json.mjs'),
    env: { PORT: String(port), HOST: '127.0.0.1', RESPONSES: file },
  });
  const url = `http://127.0.0.1:${port}`;
  await proc.waitForHttp(`${url}/`);
  return { proc, url };
}

/**
 * Our emulator on 127.0.0.1:port approving every login at once as BENCH_NRIC, with the bench client
 * registered for the given redirect URIs.
 */
export async function startEmulator({
  port,
  client,
  redirectUris,
  cpuProf = false,
  name = 'emulator',
  extraClients = [],
}) {
  const url = `http://127.0.0.1:${port}`;
  const configFile = path.join(client.dataDir, `${name}.json`);
  writeFileSync(
    configFile,
    JSON.stringify(
      {
        clients: [
          ...extraClients,
          {
            id: client.id,
            secret: client.secret,
            name: client.name,
            redirectUris,
            scopes: DEV_SCOPES,
            publicKey: client.publicKey,
          },
        ],
      },
      null,
      2,
    ),
  );
  const proc = startNode({
    name,
    script: EMULATOR_MAIN,
    cpuProf,
    args: [
      '--port',
      String(port),
      '--host',
      '127.0.0.1',
      '--public-url',
      url,
      '--config',
      configFile,
      '--data-dir',
      freshDir(`${name}-keys`),
      '--auto-approve',
      BENCH_NRIC,
    ],
  });
  await proc.waitForHttp(`${url}/v2/.well-known/openid-configuration`);
  return { proc, url };
}

/**
 * Our BFF on 127.0.0.1:port (public URL http://localhost:port) against the provider at providerUrl.
 * @param {{ port: number, providerUrl: string, client: object, store?: 'sqlite'|'redis'|'memory',
 *   name: string, env?: Record<string,string>, cpuProf?: boolean, scopes?: string[] }} options
 */
export async function startBff({
  port,
  providerUrl,
  client,
  store = 'sqlite',
  name,
  env = {},
  cpuProf = false,
  scopes = BENCH_SCOPES,
}) {
  const publicUrl = `http://localhost:${port}`;
  const proc = startNode({
    name,
    script: BFF_MAIN,
    cpuProf,
    env: {
      // Production refuses a plain-http provider (and SGID_COMPAT=mockpass), which every provider here is;
      // development only adds start-up warnings.
      NODE_ENV: 'development',
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: publicUrl,
      SGID_CLIENT_ID: client.id,
      SGID_CLIENT_SECRET: client.secret,
      SGID_PRIVATE_KEY: client.privateKeyFile,
      SGID_HOSTNAME: providerUrl,
      SGID_SCOPES: scopes.join(' '),
      SESSION_STORE: store,
      DATA_DIR: freshDir(`${name}-data`),
      ...env,
    },
  });
  await proc.waitForHttp(`http://127.0.0.1:${port}/auth/session`);
  return { proc, url: publicUrl };
}

/**
 * The express-session peer (bench/peers/express-session.mjs) on 127.0.0.1:port, its sessions in Redis
 * (connect-redis) or in express-session's MemoryStore; `seed(json)` keeps that JSON as a session's user and
 * answers the session's cookie header.
 */
export async function startExpressSession({ port, store, name, redisUrl, redisPrefix, http }) {
  const proc = startNode({
    name,
    script: path.join(root, 'bench', 'peers', 'express-session.mjs'),
    env: {
      PORT: String(port),
      HOST: '127.0.0.1',
      STORE: store,
      ...(redisUrl ? { REDIS_URL: redisUrl, REDIS_PREFIX: redisPrefix } : {}),
    },
  });
  const url = `http://127.0.0.1:${port}`;
  await proc.waitForHttp(`${url}/auth/session`);
  async function seed(json) {
    const res = await http.request(`${url}/bench/seed`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: json,
    });
    const cookie = [res.headers['set-cookie'] ?? []].flat()[0]?.split(';')[0];
    if (res.status !== 204 || !cookie) throw new Error(`${name}: seeding a session answered ${res.status}`);
    return cookie;
  }
  return { proc, url, seed };
}

/** PostgreSQL for the BFF's store: DATABASE_URL (default the local server's `test` database). */
export const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/**
 * Drop a schema the bench owns (its name starts with `sgid_bff_bench`), so that every run starts empty and
 * leaves nothing behind; never the BFF's default schema or a test's.
 */
export async function dropBenchSchema(schema) {
  if (!/^sgid_bff_bench[a-z0-9_]*$/.test(schema)) throw new Error(`not a bench schema: ${schema}`);
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: DATABASE_URL, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}
