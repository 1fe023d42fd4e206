/**
 * Store faults on a real BFF process backed by a PostgreSQL cluster this test owns (initdb + pg_ctl in a
 * temporary directory, its own port, fsync on; the shared server is never touched): while PostgreSQL is
 * stopped or paused, requests fail fast with `503 BFF_STORE_UNAVAILABLE`, `/readyz` is 503 and the process
 * lives; when it returns, the BFF recovers by itself (its pool opens new connections) and every session
 * committed before the fault is valid. Sessions are counted in the database before and after (0 lost), and
 * a bounded burst of reads during the outage gets the store code every time.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type PrivatePostgres, startPrivatePostgres } from '../../../../scripts/lib/private-postgres.mjs';
import { freePort } from '../../../../scripts/lib/processes.mjs';
import {
  type BffProcess,
  bffEnv,
  type EmulatorOnLoopback,
  HttpBrowser,
  removeBffEntry,
  startBffProcess,
  startEmulator,
} from '../scale-out/processes';
import { countRows } from '../support/postgres';

const DATABASE_TIMEOUT_MS = 500;
let postgres: PrivatePostgres;
let emulator: EmulatorOnLoopback;
let bff: BffProcess;

beforeEach(async () => {
  postgres = startPrivatePostgres({ port: await freePort() });
  emulator = await startEmulator();
  bff = await startBffProcess(
    bffEnv(emulator.origin, {
      SESSION_STORE: 'postgres',
      DATABASE_URL: postgres.url,
      DATABASE_TIMEOUT: `${DATABASE_TIMEOUT_MS}ms`,
      TRUST_PROXY: 'loopback',
    }),
  );
});
afterEach(async () => {
  await bff?.stop();
  await emulator?.app.close();
  postgres?.destroy();
  await removeBffEntry();
});

async function loginSeveral(n: number): Promise<HttpBrowser[]> {
  const browsers = Array.from({ length: n }, () => new HttpBrowser());
  for (const browser of browsers) await browser.login(bff.url);
  return browsers;
}

/** Sessions in the BFF's schema, read straight from the private server. */
const countSessions = () => countRows('sgid_bff', 'sessions', postgres.url);

async function expectStoreUnavailable(): Promise<number> {
  const started = performance.now();
  const response = await fetch(`${bff.url}/auth/session`, {
    headers: { 'x-csrf': '1', cookie: `__Host-sgid-bff.session=${'A'.repeat(43)}` },
  });
  const elapsed = performance.now() - started;
  expect(response.status).toBe(503);
  expect(await response.json()).toMatchObject({ code: 'BFF_STORE_UNAVAILABLE' });
  return elapsed;
}

/** While the store is down: a bounded burst of session reads (count and time), each 503 with the store code. */
async function expectOutageAnswers(browsers: HttpBrowser[], count = 20): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (let i = 0; i < count && Date.now() < deadline; i++) {
    const response = await fetch(`${bff.url}/auth/session`, {
      headers: { 'x-csrf': '1', cookie: (browsers[i % browsers.length] as HttpBrowser).cookieHeader() },
    });
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ code: 'BFF_STORE_UNAVAILABLE' });
  }
}

/** Poll until the BFF answers a session read again; answers how long that took. */
async function waitForRecovery(browser: HttpBrowser): Promise<number> {
  const started = performance.now();
  for (;;) {
    const response = await fetch(`${bff.url}/auth/session`, {
      headers: { 'x-csrf': '1', cookie: browser.cookieHeader() },
    });
    if (response.status === 200) return performance.now() - started;
    if (performance.now() - started > 15_000) throw new Error('the BFF did not recover within 15 s');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function expectAllAuthenticated(browsers: HttpBrowser[]): Promise<void> {
  for (const browser of browsers)
    expect(await browser.session(bff.url)).toMatchObject({ authenticated: true });
}

/**
 * Session reads from every browser, a few at a time, until `stop()` or a bound on count and time; answers
 * each status. Only 200 and 503 are acceptable answers across a fault.
 */
function readUnderLoad(browsers: HttpBrowser[]): { stop: () => Promise<number[]> } {
  const statuses: number[] = [];
  let stopped = false;
  const deadline = Date.now() + 15_000;
  const worker = async (offset: number) => {
    for (let i = offset; !stopped && i < 2000 && Date.now() < deadline; i += 3) {
      const browser = browsers[i % browsers.length] as HttpBrowser;
      const response = await fetch(`${bff.url}/auth/session`, {
        headers: { 'x-csrf': '1', cookie: browser.cookieHeader() },
      });
      statuses.push(response.status);
      await response.arrayBuffer();
    }
  };
  const running = Promise.all([0, 1, 2].map(worker));
  return {
    stop: async () => {
      stopped = true;
      await running;
      return statuses;
    },
  };
}

describe('PostgreSQL faults', () => {
  it('a PostgreSQL stopped mid-load gives 503 BFF_STORE_UNAVAILABLE fast; restarted, the BFF recovers and no session is lost', async () => {
    const browsers = await loginSeveral(6);
    const before = await countSessions();
    expect(before).toBe(6);
    const load = readUnderLoad(browsers);
    await new Promise((resolve) => setTimeout(resolve, 300));
    postgres.stop('fast');
    const elapsed = await expectStoreUnavailable();
    await expectOutageAnswers(browsers);
    expect(elapsed).toBeLessThan(1000);
    const login = await new HttpBrowser().request(`${bff.url}/auth/login`);
    expect(login.status).toBe(503);
    expect((await fetch(`${bff.url}/readyz?provider=false`)).status).toBe(503);
    expect((await fetch(`${bff.url}/healthz`)).status).toBe(200);
    expect(bff.child.exitCode).toBeNull();
    const statuses = await load.stop();
    expect(statuses.length).toBeGreaterThan(0);
    expect(statuses.filter((s) => s !== 200 && s !== 503)).toEqual([]);
    postgres.start();
    // Straight from the data directory, before the BFF has touched the new server.
    expect(await countSessions()).toBe(before);
    const recovery = await waitForRecovery(browsers[0] as HttpBrowser);
    await expectAllAuthenticated(browsers);
    await loginSeveral(1);
    expect(await countSessions()).toBe(before + 1);
    await new Promise((resolve) => setTimeout(resolve, 1100)); // past the readiness cache
    expect((await fetch(`${bff.url}/readyz?provider=false`)).status).toBe(200);
    console.info(
      `stopped PostgreSQL: 503 after ${Math.round(elapsed)} ms; ${statuses.length} reads under load (${statuses.filter((s) => s === 503).length} × 503); recovered ${Math.round(recovery)} ms after restart; sessions ${before} before, ${before} after`,
    );
  });

  it('a paused PostgreSQL gives 503 BFF_STORE_UNAVAILABLE within DATABASE_TIMEOUT; after it resumes no session is lost', async () => {
    const browsers = await loginSeveral(6);
    const before = await countSessions();
    expect(before).toBe(6);
    postgres.signal('SIGSTOP');
    try {
      const elapsed = await expectStoreUnavailable();
      await expectOutageAnswers(browsers, 8);
      // One timeout for the query on a pooled connection, at most one more for a new connection's attempt.
      expect(elapsed).toBeLessThan(2 * DATABASE_TIMEOUT_MS + 500);
      expect((await new HttpBrowser().request(`${bff.url}/auth/login`)).status).toBe(503);
      const ready = await fetch(`${bff.url}/readyz?provider=false`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({ checks: { store: 'down' } });
      expect(bff.child.exitCode).toBeNull();
      postgres.signal('SIGCONT');
      const recovery = await waitForRecovery(browsers[0] as HttpBrowser);
      await expectAllAuthenticated(browsers);
      expect(await countSessions()).toBe(before);
      await loginSeveral(1);
      expect(await countSessions()).toBe(before + 1);
      console.info(
        `paused PostgreSQL: 503 after ${Math.round(elapsed)} ms; recovered ${Math.round(recovery)} ms after SIGCONT; sessions ${before} before, ${before} after`,
      );
    } finally {
      postgres.signal('SIGCONT');
    }
  });
});
