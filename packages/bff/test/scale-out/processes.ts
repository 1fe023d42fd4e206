/**
 * Real processes for the scale-out, fault and shutdown tests:
 * - the BFF's `main.ts` bundled once per test run by esbuild (as scripts/build.mjs does, npm packages left
 *   external) and spawned with a plain environment, as a deployment runs it;
 * - the emulator in-process, listening on a loopback port, auto-approving one persona;
 * - a private `redis-server` on its own port and directory, for tests that pause or kill it (the shared
 *   Redis at REDIS_URL is never touched);
 * - a minimal HTTP client with a cookie jar that follows a login across instances.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEmulatorApp } from '@sgid-bff/emulator';
import { DATA_SCOPES } from '@sgid-bff/protocol';
import type { FastifyInstance } from 'fastify';
import { bundleNodeEntry } from '../../../../scripts/lib/bundle.mjs';
import { CookieJar } from '../../../../scripts/lib/cookie-jar.mjs';
import { freePort, stopProcess, waitForOutput } from '../../../../scripts/lib/processes.mjs';
import { getTestKeyPair } from '../support/keys';
import { CLIENT_ID, CLIENT_SECRET, EMULATOR_PERSONA } from '../support/test-bff';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
export const LB_ORIGIN = 'http://localhost:3000';

let entry: Promise<string> | undefined;

/** `packages/bff/src/main.ts` as one ESM file under node_modules/.cache (so npm packages resolve). */
export function buildBffEntry(): Promise<string> {
  entry ??= (async () => {
    const outDir = path.join(
      ROOT,
      'node_modules',
      '.cache',
      'sgid-bff-tests',
      `${process.pid}-${Date.now()}`,
    );
    mkdirSync(outDir, { recursive: true });
    const outfile = path.join(outDir, 'main.mjs');
    await bundleNodeEntry({
      entryPoints: [path.join(ROOT, 'packages/bff/src/main.ts')],
      outfile,
      logLevel: 'error',
    });
    return outfile;
  })();
  return entry;
}

export interface EmulatorOnLoopback {
  origin: string;
  app: FastifyInstance;
}

export async function startEmulator(options: { slowTokenMs?: number } = {}): Promise<EmulatorOnLoopback> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const app = await createEmulatorApp({
    publicUrl: origin,
    clients: [
      {
        id: CLIENT_ID,
        secret: CLIENT_SECRET,
        name: 'BFF scale-out tests',
        redirectUris: [`${LB_ORIGIN}/auth/callback`],
        scopes: [...DATA_SCOPES],
        publicKey: getTestKeyPair().publicPem,
        faults: options.slowTokenMs ? ['slow-token'] : [],
      },
    ],
    autoApprove: EMULATOR_PERSONA.nric,
    faultDelayMs: options.slowTokenMs ?? 5000,
  });
  await app.listen({ port, host: '127.0.0.1' });
  return { origin, app };
}

export interface BffProcess {
  /** Where this instance listens, e.g. http://127.0.0.1:41234. */
  url: string;
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
  stop: (signal?: NodeJS.Signals) => Promise<number | null>;
}

/** The environment every instance behind the "load balancer" at LB_ORIGIN shares. */
export function bffEnv(emulatorOrigin: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: 'test',
    PUBLIC_URL: LB_ORIGIN,
    SGID_CLIENT_ID: CLIENT_ID,
    SGID_CLIENT_SECRET: CLIENT_SECRET,
    SGID_PRIVATE_KEY: getTestKeyPair().privatePem,
    SGID_HOSTNAME: emulatorOrigin,
    SGID_SCOPES: 'openid myinfo.name',
    SPA_DIR: 'none',
    LOG_LEVEL: 'warn',
    ...extra,
  };
}

export async function startBffProcess(env: Record<string, string>): Promise<BffProcess> {
  const file = await buildBffEntry();
  const port = await freePort();
  const child = spawn(process.execPath, [file], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await waitForOutput(child, /sgid-bff ready/, { name: 'BFF', timeoutMs: 20_000 }).catch((error) => {
    child.kill('SIGKILL');
    throw error;
  });
  return {
    url: `http://127.0.0.1:${port}`,
    child,
    output: () => output,
    exited,
    stop: async (signal = 'SIGTERM') => {
      await stopProcess(child, { signal, graceMs: 10_000 });
      return exited;
    },
  };
}

export interface PrivateRedis {
  url: string;
  port: number;
  /** SIGSTOP / SIGCONT / SIGKILL the server. */
  signal: (signal: NodeJS.Signals) => void;
  /** Start it again on the same port and directory (after a kill). */
  restart: () => Promise<void>;
  stop: () => Promise<void>;
}

/** A redis-server of our own: own port, own directory, append-only file fsynced on every write. */
export async function startPrivateRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  const dir = mkdtempSync(path.join(tmpdir(), 'sgid-bff-redis-'));
  let child: ChildProcess;
  const launch = async () => {
    child = spawn(
      '/usr/bin/redis-server',
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--dir',
        dir,
        '--appendonly',
        'yes',
        '--appendfsync',
        'always',
        '--save',
        '',
      ],
      { stdio: 'ignore' },
    );
    const { Redis } = await import('ioredis');
    const deadline = Date.now() + 10_000;
    for (;;) {
      const probe = new Redis({
        port,
        lazyConnect: true,
        maxRetriesPerRequest: 0,
        retryStrategy: () => null,
      });
      probe.on('error', () => {});
      try {
        await probe.connect();
        await probe.ping();
        probe.disconnect();
        return;
      } catch {
        probe.disconnect();
        if (Date.now() > deadline) throw new Error('private redis-server did not start');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  };
  await launch();
  const waitExit = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) resolve();
      else child.once('exit', () => resolve());
    });
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    signal: (signal) => {
      child.kill(signal);
    },
    restart: async () => {
      await waitExit();
      await launch();
    },
    stop: async () => {
      child.kill('SIGCONT');
      child.kill('SIGKILL');
      await waitExit();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A browser as far as these tests need: a cookie jar and manual redirects, across instances. */
export class HttpBrowser {
  /** Every instance listens on 127.0.0.1, so the cookies one sets go to all (cookies ignore ports). */
  readonly jar = new CookieJar();
  private static next = 1;

  /** The client address a load balancer reports in X-Forwarded-For (believed under TRUST_PROXY). */
  constructor(readonly ip = `198.51.100.${HttpBrowser.next++ % 250}`) {}

  cookieHeader(): string {
    return this.jar.headerFor({ url: new URL('http://127.0.0.1/') }) ?? '';
  }

  async request(url: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    const cookie = this.jar.headerFor({ url: new URL(url), method: init.method });
    if (cookie) headers.set('cookie', cookie);
    headers.set('x-forwarded-for', this.ip);
    const response = await fetch(url, { ...init, headers, redirect: 'manual' });
    this.jar.store(new URL(url), response.headers.getSetCookie());
    return response;
  }

  /**
   * Log in through the instances given: `/auth/login` on the first, sgID (auto-approving), and the
   * callback — which the load balancer may send to any instance — on the second.
   */
  async login(startOn: string, callbackOn: string = startOn): Promise<void> {
    const start = await this.request(`${startOn}/auth/login?returnTo=/`);
    if (start.status !== 302) throw new Error(`login answered ${start.status}: ${await start.text()}`);
    const authorize = await fetch(start.headers.get('location') ?? '', { redirect: 'manual' });
    const callback = new URL(authorize.headers.get('location') ?? '');
    if (callback.origin !== LB_ORIGIN) throw new Error(`sgID redirected to ${callback.href}`);
    const done = await this.request(`${callbackOn}${callback.pathname}${callback.search}`);
    if (done.status !== 302) throw new Error(`callback answered ${done.status}: ${await done.text()}`);
  }

  /** Start a login and let sgID approve it; answers the callback path+query, not yet visited. */
  async loginUntilCallback(startOn: string): Promise<string> {
    const start = await this.request(`${startOn}/auth/login?returnTo=/done`);
    if (start.status !== 302) throw new Error(`login answered ${start.status}`);
    const authorize = await fetch(start.headers.get('location') ?? '', { redirect: 'manual' });
    const callback = new URL(authorize.headers.get('location') ?? '');
    return `${callback.pathname}${callback.search}`;
  }

  async session(on: string): Promise<Record<string, unknown>> {
    const response = await this.request(`${on}/auth/session`, { headers: { 'x-csrf': '1' } });
    return { status: response.status, ...((await response.json()) as Record<string, unknown>) };
  }
}

/** Remove this test file's bundle. */
export async function removeBffEntry(): Promise<void> {
  if (!entry) return;
  const file = await entry.catch(() => undefined);
  entry = undefined;
  if (file) rmSync(path.dirname(file), { recursive: true, force: true });
}
