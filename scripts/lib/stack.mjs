// Runs the whole product as a user would: the emulator and the BFF as separate processes from their
// built bundles, with a dev client registration shared between them. Used by `npm start` and the
// browser tests.
import { spawn } from 'node:child_process';
import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { freePort, stopProcess, waitForHttp } from './processes.mjs';
import { root } from './setup.mjs';

/**
 * The dev client's scopes: the ones the demo's personas are chosen to show, including both kinds of
 * children (a citizen's birth records and a foreigner's sponsored children).
 */
export const DEV_SCOPES = [
  'openid',
  'myinfo.name',
  'myinfo.nric_number',
  'myinfo.email',
  'myinfo.sex',
  'myinfo.date_of_birth',
  'myinfo.mobile_number_with_country_code',
  'myinfo.registered_address',
  'myinfo.residentialstatus',
  'myinfo.nationality',
  'myinfo.children_birth_records',
  'myinfo.sponsored_children_records',
  'myinfo.vehicles',
  'pocdex.public_officer_details',
];

/**
 * Create once and keep (in the git-ignored data folder) a client registration for local use: id,
 * 32-character secret and an RSA-2048 key pair, as the sgID developer portal would issue.
 */
export function ensureDevClient(dataDir) {
  const file = path.join(dataDir, 'dev-client.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8'));
  mkdirSync(dataDir, { recursive: true });
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  const client = {
    id: 'sgid-bff-dev',
    name: 'Demo Citizen Services',
    secret: randomBytes(24).toString('base64url'),
    privateKey,
    publicKey,
  };
  writeFileSync(file, JSON.stringify(client, null, 2), { mode: 0o600 });
  return client;
}

/** The demo's Singpass app: a Myinfo app, so the demo shows Myinfo data next to sgID's. */
export const DEV_SINGPASS_SCOPES = [
  'openid',
  'uinfin',
  'name',
  'sex',
  'dob',
  'nationality',
  'regadd',
  'mobileno',
  'email',
];

/**
 * Create once and keep a Singpass app registration for local use: a 32-character client id and a private
 * JWKS with one EC P-256 signing key and one EC P-256 encryption key, as the Singpass Developer Portal
 * expects (SINGPASS_KEYS); the emulator is given the public halves.
 */
export function ensureDevSingpassClient(dataDir) {
  return ensureDevFapiClient(dataDir, 'dev-singpass-client.json', 'Demo Citizen Services (Singpass)', 32);
}

/** The demo's Corppass digital service: a 20-character client id and a private JWKS, as for Singpass. */
export const DEV_CORPPASS_SCOPES = [
  'openid',
  'authinfo',
  'tpauthinfo',
  'entity.identity',
  'entity.basic_profile.entity_name',
  'entity.basic_profile.uen_status',
  'user.identity',
  'user.name',
  'user.corppass.email',
];

export function ensureDevCorppassClient(dataDir) {
  return ensureDevFapiClient(dataDir, 'dev-corppass-client.json', 'Demo Business Services (Corppass)', 20);
}

function ensureDevFapiClient(dataDir, fileName, name, idLength) {
  const file = path.join(dataDir, fileName);
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8'));
  mkdirSync(dataDir, { recursive: true });
  const key = (use, alg) => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    return { ...privateKey.export({ format: 'jwk' }), use, alg, kid: randomUUID() };
  };
  const keys = [key('sig', 'ES256'), key('enc', 'ECDH-ES+A256KW')];
  const client = {
    id: randomBytes(48)
      .toString('base64url')
      .replace(/[^A-Za-z0-9]/g, 'x')
      .slice(0, idLength),
    name,
    keys: { keys },
    publicKeys: { keys: keys.map(({ d: _d, ...publicHalf }) => publicHalf) },
  };
  writeFileSync(file, JSON.stringify(client, null, 2), { mode: 0o600 });
  return client;
}

function startProcess(name, script, args, env, log) {
  const child = spawn(process.execPath, [script, ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const prefix = (chunk) =>
    chunk
      .toString()
      .split('\n')
      .filter((l) => l.length > 0)
      .map((l) => `[${name}] ${l}\n`)
      .join('');
  child.stdout.on('data', (c) => log(prefix(c)));
  child.stderr.on('data', (c) => log(prefix(c)));
  return child;
}

/**
 * Start the emulator and the BFF (serving the built SPA).
 * @param {{dataDir: string, bffPort?: number, emulatorPort?: number, publicHost?: string,
 *   publicUrl?: string, demoApiPort?: number, bffEnv?: Record<string,string>, emulatorConfig?: Record<string, unknown>, emulatorArgs?: string[], log?: (s: string) => void}} options
 */
export async function startStack(options) {
  const { dataDir, bffEnv = {}, emulatorArgs = [], log = (s) => process.stdout.write(s) } = options;
  const emulatorPort = options.emulatorPort ?? (await freePort());
  const bffPort = options.bffPort ?? (await freePort());
  const publicHost = options.publicHost ?? 'localhost';
  const demoApiPort = options.demoApiPort ?? (await freePort());
  const emulatorUrl = `http://127.0.0.1:${emulatorPort}`;
  const bffUrl = options.publicUrl ?? `http://${publicHost}:${bffPort}`;

  const client = ensureDevClient(dataDir);
  const keyFile = path.join(dataDir, 'dev-client-key.pem');
  writeFileSync(keyFile, client.privateKey, { mode: 0o600 });
  const singpass = ensureDevSingpassClient(dataDir);
  const singpassKeysFile = path.join(dataDir, 'dev-singpass-keys.json');
  writeFileSync(singpassKeysFile, JSON.stringify(singpass.keys), { mode: 0o600 });
  const corppass = ensureDevCorppassClient(dataDir);
  const corppassKeysFile = path.join(dataDir, 'dev-corppass-keys.json');
  writeFileSync(corppassKeysFile, JSON.stringify(corppass.keys), { mode: 0o600 });
  const emulatorConfig = {
    ...options.emulatorConfig,
    clients: [
      {
        provider: 'singpass',
        id: singpass.id,
        name: singpass.name,
        appType: 'myinfo',
        redirectUris: [`${bffUrl}/auth/callback/singpass`],
        scopes: DEV_SINGPASS_SCOPES,
        jwks: singpass.publicKeys,
      },
      {
        provider: 'corppass',
        id: corppass.id,
        name: corppass.name,
        appType: 'login',
        redirectUris: [`${bffUrl}/auth/callback/corppass`],
        scopes: DEV_CORPPASS_SCOPES,
        jwks: corppass.publicKeys,
        contextTypes: ['APP_AUTHENTICATION_DEFAULT'],
      },
      {
        id: client.id,
        secret: client.secret,
        name: client.name,
        redirectUris: [`${bffUrl}/auth/callback`],
        scopes: DEV_SCOPES,
        publicKey: client.publicKey,
      },
    ],
  };
  const emulatorConfigFile = path.join(dataDir, 'emulator.json');
  writeFileSync(emulatorConfigFile, JSON.stringify(emulatorConfig, null, 2));

  const emulator = startProcess(
    'emulator',
    path.join(root, 'packages', 'emulator', 'dist', 'main.js'),
    [
      '--port',
      String(emulatorPort),
      '--host',
      '127.0.0.1',
      '--public-url',
      emulatorUrl,
      '--config',
      emulatorConfigFile,
      '--data-dir',
      path.join(dataDir, 'emulator'),
      ...emulatorArgs,
    ],
    {},
    log,
  );
  // The demo upstream behind the BFF's API proxy: an example of an agency API that trusts the identity
  // token the BFF signs (verified against the BFF's JWKS).
  const demoApi = startProcess(
    'demo-api',
    path.join(root, 'packages', 'bff', 'dist', 'demo-api', 'main.js'),
    [
      '--port',
      String(demoApiPort),
      '--host',
      '127.0.0.1',
      '--bff',
      bffUrl,
      '--jwks-url',
      `http://127.0.0.1:${bffPort}/.well-known/jwks.json`,
    ],
    {},
    log,
  );
  const bff = startProcess(
    'bff',
    path.join(root, 'packages', 'bff', 'dist', 'main.js'),
    [],
    {
      NODE_ENV: 'development',
      PORT: String(bffPort),
      HOST: '127.0.0.1',
      PUBLIC_URL: bffUrl,
      SGID_CLIENT_ID: client.id,
      SGID_CLIENT_SECRET: client.secret,
      SGID_PRIVATE_KEY: keyFile,
      SGID_HOSTNAME: emulatorUrl,
      SGID_SCOPES: DEV_SCOPES.join(' '),
      SINGPASS_CLIENT_ID: singpass.id,
      SINGPASS_ISSUER: `${emulatorUrl}/singpass/v3/fapi`,
      SINGPASS_KEYS: singpassKeysFile,
      SINGPASS_APP_TYPE: 'myinfo',
      SINGPASS_SCOPES: DEV_SINGPASS_SCOPES.join(' '),
      CORPPASS_CLIENT_ID: corppass.id,
      CORPPASS_ISSUER: `${emulatorUrl}/corppass`,
      CORPPASS_KEYS: corppassKeysFile,
      CORPPASS_SCOPES: DEV_CORPPASS_SCOPES.join(' '),
      DEFAULT_PROVIDER: 'sgid',
      DATA_DIR: path.join(dataDir, 'bff'),
      SPA_DIR: path.join(root, 'packages', 'spa', 'dist'),
      API_ROUTES: JSON.stringify([
        {
          prefix: '/api/demo',
          upstream: `http://127.0.0.1:${demoApiPort}`,
          methods: ['GET'],
          claims: ['myinfo.name'],
        },
      ]),
      ...bffEnv,
    },
    log,
  );
  const stop = () => Promise.all([stopProcess(bff), stopProcess(emulator), stopProcess(demoApi)]);
  try {
    await waitForHttp(`${emulatorUrl}/v2/.well-known/openid-configuration`, {
      child: emulator,
      name: 'emulator',
    });
    await waitForHttp(`http://127.0.0.1:${bffPort}/healthz`, { child: bff, name: 'BFF' });
  } catch (error) {
    await stop();
    throw error;
  }
  return { bffUrl, emulatorUrl, client, singpass, corppass, stop, processes: { bff, emulator, demoApi } };
}
