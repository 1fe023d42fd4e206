// What `npm start` and `npm test` set up on a fresh machine before doing anything else: npm packages when
// node_modules is missing or stale, Chromium from Debian for the browser tests, and a Redis and a
// PostgreSQL to talk to.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { missingPostgresMessage, startPrivatePostgres } from './private-postgres.mjs';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: root, ...options });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed with exit code ${result.status ?? result.signal}`);
  }
}

/** The lockfile's hash, recorded in node_modules after a successful install. */
function lockHash() {
  const lock = path.join(root, 'package-lock.json');
  const text = existsSync(lock) ? readFileSync(lock) : readFileSync(path.join(root, 'package.json'));
  return createHash('sha256').update(text).digest('hex');
}

/** Install npm packages when node_modules is missing or was installed from another lockfile. */
export function ensureDependencies() {
  const stamp = path.join(root, 'node_modules', '.sgid-bff-installed');
  const wanted = lockHash();
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === wanted) return;
  console.log('setup: installing npm packages (node_modules missing or stale)…');
  run('npm', ['ci', '--no-audit', '--no-fund']);
  writeFileSync(stamp, wanted);
}

const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

/** Path of a Chromium for the browser tests; installs Debian's `chromium` when running as root. */
export function ensureChromium() {
  const configured = process.env.CHROMIUM_PATH;
  if (configured) {
    if (existsSync(configured)) return configured;
    throw new Error(`CHROMIUM_PATH=${configured} does not exist.`);
  }
  const found = CHROMIUM_CANDIDATES.find((p) => existsSync(p));
  if (found) return found;
  if (process.getuid?.() === 0) {
    console.log("setup: installing Chromium from Debian's packages for the browser tests…");
    run('apt-get', ['update', '-qq']);
    run('apt-get', ['install', '-y', '-qq', 'chromium'], {
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    const installed = CHROMIUM_CANDIDATES.find((p) => existsSync(p));
    if (installed) return installed;
  }
  throw new Error(
    'The browser tests need Chromium and none was found. Install it with `sudo apt-get install chromium` ' +
      '(Debian/Ubuntu), or point CHROMIUM_PATH at a Chromium or Chrome binary. Test tools cannot download one here.',
  );
}

/** Whether a Redis answers PING at `url` within a second. */
export function pingRedis(url) {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname || '127.0.0.1', port: Number(port || 6379) });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.on('error', () => done(false));
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => done(chunk.toString().startsWith('+PONG')));
  });
}

/**
 * Make sure a Redis answers at REDIS_URL (default redis://127.0.0.1:6379). When none does, start a private
 * `redis-server` on that port for this run (keeping nothing on disk); returns a function that stops it.
 */
export async function ensureRedis() {
  const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  process.env.REDIS_URL = url;
  if (await pingRedis(url)) return () => {};
  const which = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' });
  if (which.status !== 0) {
    throw new Error(
      `No Redis answers at ${url} and there is no redis-server binary to start one. Install it with ` +
        '`sudo apt-get install redis-server`, or set REDIS_URL to a Redis the tests may use.',
    );
  }
  const { hostname, port } = new URL(url);
  const dir = path.join(root, '.tmp', 'redis');
  mkdirSync(dir, { recursive: true });
  console.log(`setup: no Redis at ${url}; starting a private redis-server for this run`);
  const child = spawn(
    'redis-server',
    [
      '--bind',
      hostname || '127.0.0.1',
      '--port',
      port || '6379',
      '--save',
      '',
      '--appendonly',
      'no',
      '--dir',
      dir,
    ],
    { stdio: 'ignore' },
  );
  for (let i = 0; i < 50 && !(await pingRedis(url)); i++) await new Promise((r) => setTimeout(r, 100));
  if (!(await pingRedis(url))) throw new Error(`Started redis-server but it does not answer at ${url}.`);
  return () => child.kill('SIGTERM');
}

/**
 * Whether PostgreSQL answers at `url` within a second: 'ok', 'no-database' (the server answers but the
 * database is missing) or 'down'. node-postgres is loaded late: setup runs it only after npm packages exist.
 */
export async function pingPostgres(url) {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query('SELECT 1');
    return 'ok';
  } catch (error) {
    return error?.code === '3D000' ? 'no-database' : 'down';
  } finally {
    await client.end().catch(() => {});
  }
}

/** Create the database `url` names, through the same server's `postgres` database. */
async function createDatabase(url) {
  const { default: pg } = await import('pg');
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.href, connectionTimeoutMillis: 2000 });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${name.replaceAll('"', '""')}"`);
  } catch (error) {
    if (error?.code !== '42P04') throw error; // created meanwhile by another run: fine
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * Make sure PostgreSQL answers at DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test), creating
 * that database when the server has none of that name. When no server answers, start a private cluster on
 * the URL's port for this run (initdb in a temporary directory, fsync off, removed after); when initdb and
 * pg_ctl are missing too, fail with how to get one: the tests never skip. Returns a function that stops it.
 */
export async function ensurePostgres() {
  const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  process.env.DATABASE_URL = url;
  let state = await pingPostgres(url);
  let stop = () => {};
  if (state === 'down') {
    const { hostname, port } = new URL(url);
    if (!['127.0.0.1', 'localhost', '[::1]'].includes(hostname))
      throw new Error(
        `No PostgreSQL answers at DATABASE_URL=${url}, and a private one can only be started on loopback.`,
      );
    let server;
    try {
      console.log(`setup: no PostgreSQL at ${url}; starting a private cluster for this run`);
      server = startPrivatePostgres({ port: Number(port || 5432), fsync: false });
    } catch (error) {
      throw new Error(
        /initdb\/pg_ctl/.test(String(error?.message))
          ? missingPostgresMessage()
          : `Could not start PostgreSQL: ${error?.message}`,
      );
    }
    stop = () => server.destroy();
    state = await pingPostgres(url);
  }
  if (state === 'no-database') {
    await createDatabase(url);
    state = await pingPostgres(url);
  }
  if (state !== 'ok') {
    stop();
    throw new Error(`PostgreSQL does not answer at DATABASE_URL=${url}. ${missingPostgresMessage()}`);
  }
  return stop;
}

export function build() {
  run(process.execPath, [path.join(root, 'scripts', 'build.mjs')]);
}
