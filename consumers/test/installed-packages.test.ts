/**
 * The published packages as a user meets them: every public workspace package packed with `npm pack`,
 * the tarballs installed into a fresh project in the system's temp dir (outside the workspace) with their
 * registry dependencies, then used there only through what was installed — the bins with `npx`, the
 * libraries by import. Cases, numbered as in issue #15:
 *   1. `npx sgid-emulator --port 0` serves discovery; `npx sgid-bff doctor` reports on a config;
 *   2. the standalone `npx sgid-bff` serves a login against that emulator (HTTP, cookie jar);
 *   3. an Express app mounting the BFF completes the same login; its own `requireSession()` route sees the
 *      user, a cross-site POST to it is refused, and an API behind the BFF's proxy verifies the identity
 *      token with `@sgid-bff/identity`;
 *   4. a Fastify app with the plugin does the same;
 *   5. TypeScript files importing the packages type-check with `tsc` against the installed declarations,
 *      and esbuild bundles a small React app using the client.
 * The project's files are the README's snippets (consumers/fixtures/), with only the ports replaced.
 */
import type { ChildProcess } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { cp, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, waitForOutput } from '../../scripts/lib/processes.mjs';
import {
  ensureBuilt,
  installProject,
  type PackedPackage,
  packPublicPackages,
  parseEnvFile,
  runInProject,
  spawnInProject,
  stopGroup,
} from '../support/consumer-project';
import { loginOverHttp } from '../support/http-login';

const fixtures = fileURLToPath(new URL('../fixtures/', import.meta.url));

/** What the project installs from the registry beside the tarballs (at the workspace's versions). */
const REGISTRY_DEPENDENCIES = [
  'react',
  'react-dom',
  '@types/react',
  '@types/react-dom',
  '@types/node',
  'typescript',
  'esbuild',
  'express',
  '@types/express',
  'fastify',
];

/** The TypeScript files of case (5): every fixture, the servers of (3) and (4) included. */
const TYPECHECKED_FIXTURES = [
  'spa/app.tsx',
  'server/bff-config.ts',
  'server/express-app.ts',
  'server/fastify-app.ts',
  'api/orders-api.ts',
  'types-are-real.ts',
];

const timings: Record<string, number> = {};
const children: ChildProcess[] = [];
let workDir = '';
let project = '';
let packed: PackedPackage[] = [];

beforeAll(async () => {
  let started = performance.now();
  await ensureBuilt();
  workDir = await mkdtemp(path.join(tmpdir(), 'sgid-bff-consumer-'));
  project = path.join(workDir, 'my-app');
  packed = await packPublicPackages(path.join(workDir, 'tarballs'));
  timings['build + pack'] = Math.round(performance.now() - started);
  started = performance.now();
  timings['npm install'] = (await installProject(project, packed, REGISTRY_DEPENDENCIES)).ms;
  await writeClientKeys(project);
}, 900_000);

afterAll(async () => {
  await Promise.all(children.map((child) => stopGroup(child)));
  if (workDir) await rm(workDir, { recursive: true, force: true });
  console.log(`consumer suite timings (ms): ${JSON.stringify(timings)}`);
});

/** The client's RSA key pair, where the fixtures name it (`keys/my-app.pem`, `keys/my-app.pub.pem`). */
async function writeClientKeys(dir: string): Promise<void> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  await mkdir(path.join(dir, 'keys'), { recursive: true });
  await writeFile(path.join(dir, 'keys', 'my-app.pem'), privateKey, { mode: 0o600 });
  await writeFile(path.join(dir, 'keys', 'my-app.pub.pem'), publicKey);
}

/** A fixture's text with the README's ports (3000 for the BFF, 5156 for the emulator) replaced. */
async function readFixture(name: string, ports: { bff?: number; emulator?: number } = {}): Promise<string> {
  let text = await readFile(path.join(fixtures, name), 'utf8');
  if (ports.bff !== undefined)
    text = text.replaceAll(':3000', `:${ports.bff}`).replace(/^PORT=3000$/m, `PORT=${ports.bff}`);
  if (ports.emulator !== undefined) text = text.replaceAll(':5156', `:${ports.emulator}`);
  return text;
}

/**
 * `npx sgid-emulator --port 0 --config emulator.json --auto-approve …` in the project, registered for a
 * BFF on `bffPort`; answers its URL, read from the banner.
 */
async function startEmulator(bffPort: number): Promise<string> {
  const configFile = `emulator-${bffPort}.json`;
  await writeFile(path.join(project, configFile), await readFixture('emulator.json', { bff: bffPort }));
  const child = spawnInProject(project, 'npx', [
    'sgid-emulator',
    '--port',
    '0',
    '--config',
    configFile,
    '--auto-approve',
    'S9812381D',
    '--data-dir',
    `.data/emulator-${bffPort}`,
  ]);
  children.push(child);
  const { output } = await waitForOutput(child, /data dir .*\n/, {
    name: 'sgid-emulator',
    timeoutMs: 30_000,
  });
  const url = /listening on {2}(http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
  if (!url) throw new Error(`no address in the banner:\n${output}`);
  return url;
}

/** The BFF's environment: the fixture's bff.env for a BFF on `bffPort` and an emulator at `emulatorUrl`. */
async function bffEnv(bffPort: number, emulatorUrl: string): Promise<Record<string, string>> {
  const emulatorPort = Number(new URL(emulatorUrl).port);
  const env = parseEnvFile(await readFixture('bff.env', { bff: bffPort, emulator: emulatorPort }));
  return { ...env, DATA_DIR: `.data/bff-${bffPort}`, NODE_ENV: 'development' };
}

/**
 * Run a TypeScript fixture in the project as many users do: compiled by esbuild (installed from the
 * registry), npm packages left as imports so they resolve from the project's node_modules, then `node`.
 */
async function runTsFixture(
  fixture: string,
  env: Record<string, string>,
  ready: RegExp,
): Promise<ChildProcess> {
  const source = path.join(project, fixture);
  await mkdir(path.dirname(source), { recursive: true });
  await cp(path.join(fixtures, fixture), source);
  const outfile = path.join(project, 'build', fixture.replace(/\.ts$/, '.mjs'));
  const built = await runInProject(project, 'npx', [
    'esbuild',
    fixture,
    '--bundle',
    '--platform=node',
    '--format=esm',
    '--packages=external',
    `--outfile=${outfile}`,
  ]);
  expect(built.stderr).not.toMatch(/error/i);
  expect(built.code).toBe(0);
  const child = spawnInProject(project, process.execPath, [outfile], env);
  children.push(child);
  await waitForOutput(child, ready, { name: fixture, timeoutMs: 30_000 });
  return child;
}

describe('the published packages, installed from their tarballs into a fresh project', () => {
  it('installs every public package from its tarball, not from the workspace', async () => {
    expect(packed.map((p) => p.name).sort()).toEqual(
      expect.arrayContaining([
        '@sgid-bff/bff',
        '@sgid-bff/client',
        '@sgid-bff/emulator',
        '@sgid-bff/protocol',
      ]),
    );
    expect(path.relative(process.cwd(), project).startsWith('..')).toBe(true);
    for (const pkg of packed) {
      const installed = path.join(project, 'node_modules', ...pkg.name.split('/'));
      // A real folder unpacked from the tarball, not a link into the workspace.
      expect((await stat(installed)).isDirectory()).toBe(true);
      const manifest = JSON.parse(await readFile(path.join(installed, 'package.json'), 'utf8'));
      expect(manifest.version).toBe(pkg.version);
    }
    // Every @sgid-bff package in the tree, nested ones included, came from a tarball, never the registry.
    const lock = JSON.parse(await readFile(path.join(project, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { resolved?: string }>;
    };
    const ours = Object.entries(lock.packages).filter(([where]) => /node_modules\/@sgid-bff\//.test(where));
    expect(ours.length).toBe(packed.length);
    for (const [where, entry] of ours) expect(entry.resolved, where).toMatch(/^file:/);
  });

  describe('(1) the bins', () => {
    it('npx sgid-emulator --port 0 picks a port and serves discovery with that issuer', async () => {
      const emulatorUrl = await startEmulator(await freePort());
      const discovery = await fetch(`${emulatorUrl}/v2/.well-known/openid-configuration`);
      expect(discovery.status).toBe(200);
      expect(((await discovery.json()) as { issuer: string }).issuer).toBe(`${emulatorUrl}/v2`);
    });

    it('npx sgid-emulator with a wrong flag says which, exits 2, and prints no stack', async () => {
      const { code, stderr } = await runInProject(project, 'npx', ['sgid-emulator', '--prot', '1']);
      expect(code).toBe(2);
      expect(stderr.split('\n')[0]).toBe("sgid-emulator: Unknown option '--prot'");
      expect(stderr).not.toMatch(/^\s+at /m);
    });

    it('npx sgid-bff doctor reports ✔ on every check of a good config, and ✖ naming a broken one', async () => {
      const bffPort = await freePort();
      const env = await bffEnv(bffPort, await startEmulator(bffPort));
      const good = await runInProject(project, 'npx', ['sgid-bff', 'doctor'], { env });
      expect(good.stdout).toContain('✔ configuration');
      expect(good.stdout).not.toContain('✖');
      expect(good.code).toBe(0);
      const bad = await runInProject(project, 'npx', ['sgid-bff', 'doctor'], {
        env: { ...env, SGID_PRIVATE_KEY: 'keys/missing.pem' },
      });
      expect(bad.code).toBe(1);
      expect(bad.stdout).toMatch(/✖ .*SGID_PRIVATE_KEY/);
      expect(`${bad.stdout}${bad.stderr}`).not.toMatch(/^\s+at /m);
    });
  });

  describe('(2) the standalone sgid-bff', () => {
    it('serves a login against the emulator: /auth/login → authorize → callback → /auth/session shows the user', async () => {
      const bffPort = await freePort();
      const emulatorUrl = await startEmulator(bffPort);
      // As the README runs it: node --env-file=bff.env node_modules/.bin/sgid-bff (the file with this
      // test's ports); variables already in the environment win over the file's, as Node documents.
      const envFile = `bff-${bffPort}.env`;
      const emulatorPort = Number(new URL(emulatorUrl).port);
      await writeFile(
        path.join(project, envFile),
        await readFixture('bff.env', { bff: bffPort, emulator: emulatorPort }),
      );
      const bff = spawnInProject(
        project,
        process.execPath,
        [`--env-file=${envFile}`, 'node_modules/.bin/sgid-bff'],
        {
          DATA_DIR: `.data/bff-${bffPort}`,
          NODE_ENV: 'development',
        },
      );
      children.push(bff);
      await waitForOutput(bff, /sgid-bff ready at/, { name: 'sgid-bff', timeoutMs: 30_000 });
      const { session, landedOn } = await loginOverHttp(`http://localhost:${bffPort}`, '/welcome');
      expect(landedOn.pathname).toBe('/welcome');
      expect(session.authenticated).toBe(true);
      expect(session.provider).toBe('sgid');
      expect(session.data?.['myinfo.name']).toBe('TAN HENG HUAT');
      await stopGroup(bff);
    });
  });

  describe.each([
    ['(3) Express mounting the BFF', 'server/express-app.ts'],
    ['(4) Fastify with the sgidBff plugin', 'server/fastify-app.ts'],
  ])('%s', (_title, appFixture) => {
    it('completes the login; its own requireSession() routes see the user; a cross-site POST is refused; the API behind the proxy verifies the identity token', async () => {
      const bffPort = await freePort();
      const ordersPort = await freePort();
      const emulatorUrl = await startEmulator(bffPort);
      const env = {
        ...(await bffEnv(bffPort, emulatorUrl)),
        ORDERS_PORT: String(ordersPort),
        API_ROUTES: JSON.stringify([
          { prefix: '/api/orders', upstream: `http://127.0.0.1:${ordersPort}`, claims: ['myinfo.name'] },
        ]),
      };
      const api = await runTsFixture('api/orders-api.ts', env, /orders api listening/);
      const app = await runTsFixture(appFixture, env, /my-app listening on/);
      const base = `http://localhost:${bffPort}`;

      // Without a session: the host route answers the BFF's 401 JSON; a path that is not the BFF's is the host's.
      const anonymous = await fetch(`${base}/me`);
      expect(anonymous.status).toBe(401);
      expect(((await anonymous.json()) as { code: string }).code).toBe('BFF_UNAUTHENTICATED');
      expect((await fetch(`${base}/not-a-bff-path`)).status).toBe(404);

      const { jar, session, landedOn } = await loginOverHttp(base, '/welcome');
      expect(landedOn.pathname).toBe('/welcome');
      expect(session.provider).toBe('sgid');
      expect(session.data?.['myinfo.name']).toBe('TAN HENG HUAT');
      const cookieFor = (p: string) => jar.headerFor({ url: new URL(p, base) }) ?? '';

      const me = await fetch(`${base}/me`, { headers: { cookie: cookieFor('/me') } });
      expect(me.status).toBe(200);
      expect(await me.json()).toEqual({ provider: 'sgid', sub: session.sub });

      const note = JSON.stringify({ text: 'hello' });
      const sameSite = await fetch(`${base}/notes`, {
        method: 'POST',
        headers: {
          cookie: cookieFor('/notes'),
          'x-csrf': '1',
          origin: base,
          'content-type': 'application/json',
        },
        body: note,
      });
      expect(sameSite.status).toBe(201);
      expect(await sameSite.json()).toEqual({ savedFor: session.sub, note: { text: 'hello' } });
      const crossSite = await fetch(`${base}/notes`, {
        method: 'POST',
        headers: {
          cookie: cookieFor('/notes'),
          'x-csrf': '1',
          origin: 'https://attacker.example',
          'sec-fetch-site': 'cross-site',
          'content-type': 'application/json',
        },
        body: note,
      });
      expect(crossSite.status).toBe(403);
      expect(((await crossSite.json()) as { code: string }).code).toBe('BFF_CROSS_SITE_REQUEST');

      // The proxy: the API verifies the BFF's identity token with @sgid-bff/identity and answers from it.
      const orders = await fetch(`${base}/api/orders`, {
        headers: { cookie: cookieFor('/api/orders'), 'x-csrf': '1' },
      });
      expect(orders.status).toBe(200);
      expect(await orders.json()).toEqual({
        for: session.sub,
        provider: 'sgid',
        name: 'TAN HENG HUAT',
        orders: [],
      });
      // …and trusts nothing else: a direct call without the BFF's token is refused.
      const direct = await fetch(`http://127.0.0.1:${ordersPort}/`);
      expect(direct.status).toBe(401);

      await Promise.all([stopGroup(app), stopGroup(api)]);
    });
  });

  describe('(5) types and a bundle', () => {
    it('the fixtures type-check with tsc against the installed declarations (strict, nodenext, no skipLibCheck of ours)', async () => {
      const dir = path.join(project, 'typecheck');
      for (const file of TYPECHECKED_FIXTURES) await cp(path.join(fixtures, file), path.join(dir, file));
      await writeFile(
        path.join(project, 'tsconfig.json'),
        JSON.stringify({
          compilerOptions: {
            target: 'ES2022',
            module: 'nodenext',
            moduleResolution: 'nodenext',
            lib: ['ES2023', 'DOM', 'DOM.Iterable'],
            jsx: 'react-jsx',
            strict: true,
            noEmit: true,
            skipLibCheck: false,
            types: ['node'],
          },
          include: ['typecheck/**/*'],
        }),
      );
      const { code, stdout, stderr } = await runInProject(project, 'npx', ['tsc', '-p', 'tsconfig.json'], {
        timeoutMs: 180_000,
      });
      expect(`${stdout}${stderr}`).toBe('');
      expect(code).toBe(0);
    });

    it('esbuild bundles the React app using the client for the browser, with no Node built-ins', async () => {
      await cp(path.join(fixtures, 'spa', 'app.tsx'), path.join(project, 'spa', 'app.tsx'));
      const outfile = path.join(project, 'spa', 'dist', 'app.js');
      const { code, stderr } = await runInProject(project, 'npx', [
        'esbuild',
        'spa/app.tsx',
        '--bundle',
        '--platform=browser',
        '--format=esm',
        '--minify',
        '--jsx=automatic',
        `--outfile=${outfile}`,
      ]);
      expect(stderr).not.toMatch(/error/i);
      expect(code).toBe(0);
      const bundle = await readFile(outfile, 'utf8');
      expect(bundle).toContain('/auth/session');
      expect(bundle).not.toMatch(/["']node:/);
      timings['spa bundle bytes'] = bundle.length;
    });
  });
});
