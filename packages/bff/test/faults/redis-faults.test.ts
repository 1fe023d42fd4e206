/**
 * Store faults on a real BFF process backed by a Redis this test owns (own port, own append-only file):
 * while Redis is paused or dead, requests fail fast with `503 BFF_STORE_UNAVAILABLE` and `/readyz` is
 * 503; when it returns, the BFF recovers by itself and every session written before the fault is valid.
 * Sessions are counted in Redis before and after the fault (0 lost), and a bounded burst of reads during
 * the outage gets the store code every time.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type BffProcess,
  bffEnv,
  type EmulatorOnLoopback,
  HttpBrowser,
  type PrivateRedis,
  removeBffEntry,
  startBffProcess,
  startEmulator,
  startPrivateRedis,
} from '../scale-out/processes';
import { countKeysWithPrefix } from '../support/redis';

let redis: PrivateRedis;
let emulator: EmulatorOnLoopback;
let bff: BffProcess;

beforeEach(async () => {
  redis = await startPrivateRedis();
  emulator = await startEmulator();
  bff = await startBffProcess(
    bffEnv(emulator.origin, {
      SESSION_STORE: 'redis',
      REDIS_URL: redis.url,
      REDIS_TIMEOUT: '500ms',
      TRUST_PROXY: 'loopback',
    }),
  );
});
afterEach(async () => {
  await bff.stop();
  await emulator.app.close();
  await redis.stop();
  await removeBffEntry();
});

async function loginSeveral(n: number): Promise<HttpBrowser[]> {
  const browsers = Array.from({ length: n }, () => new HttpBrowser());
  for (const browser of browsers) await browser.login(bff.url);
  return browsers;
}

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

/** Session keys in the private Redis (the BFF's default key prefix). */
const countSessions = () => countKeysWithPrefix('sgid-bff:s:', redis.url);

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

async function expectAllAuthenticated(browsers: HttpBrowser[]): Promise<void> {
  for (const browser of browsers)
    expect(await browser.session(bff.url)).toMatchObject({ authenticated: true });
}

describe('Redis faults', () => {
  it('a paused Redis gives 503 BFF_STORE_UNAVAILABLE within REDIS_TIMEOUT; after it resumes no session is lost', async () => {
    const browsers = await loginSeveral(6);
    const before = await countSessions();
    expect(before).toBe(6);
    redis.signal('SIGSTOP');
    const elapsed = await expectStoreUnavailable();
    await expectOutageAnswers(browsers, 8);
    expect(elapsed).toBeLessThan(2000);
    const login = await new HttpBrowser().request(`${bff.url}/auth/login`);
    expect(login.status).toBe(503);
    const ready = await fetch(`${bff.url}/readyz?provider=false`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ checks: { store: 'down' } });
    redis.signal('SIGCONT');
    const recovery = await waitForRecovery(browsers[0] as HttpBrowser);
    await expectAllAuthenticated(browsers);
    expect(await countSessions()).toBe(before);
    await loginSeveral(1);
    expect(await countSessions()).toBe(before + 1);
    console.info(
      `paused Redis: 503 after ${Math.round(elapsed)} ms; recovered ${Math.round(recovery)} ms after SIGCONT; sessions ${before} before, ${before} after`,
    );
  });

  it('a killed Redis fails requests fast; restarted from its append-only file, every earlier session is valid', async () => {
    const browsers = await loginSeveral(6);
    const before = await countSessions();
    expect(before).toBe(6);
    redis.signal('SIGKILL');
    await new Promise((resolve) => setTimeout(resolve, 100));
    const elapsed = await expectStoreUnavailable();
    await expectOutageAnswers(browsers);
    expect(elapsed).toBeLessThan(1000);
    expect((await fetch(`${bff.url}/readyz?provider=false`)).status).toBe(503);
    expect((await fetch(`${bff.url}/healthz`)).status).toBe(200);
    await redis.restart();
    // Straight from the append-only file, before the BFF has touched the new process.
    expect(await countSessions()).toBe(before);
    const recovery = await waitForRecovery(browsers[0] as HttpBrowser);
    await expectAllAuthenticated(browsers);
    await loginSeveral(1);
    expect(await countSessions()).toBe(before + 1);
    await new Promise((resolve) => setTimeout(resolve, 1100)); // past the readiness cache
    expect((await fetch(`${bff.url}/readyz?provider=false`)).status).toBe(200);
    console.info(
      `killed Redis: 503 after ${Math.round(elapsed)} ms; recovered ${Math.round(recovery)} ms after restart; sessions ${before} before, ${before} after`,
    );
  });
});
