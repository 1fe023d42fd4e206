/**
 * Scale-out: two real BFF processes (as a deployment runs them) behind one public origin, sharing the
 * Redis at REDIS_URL, with the emulator as sgID on loopback. Any instance serves any user, and a logout
 * or revocation on one is effective on the other at once (no instance caches session validity).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPrefix, deleteKeysWithPrefix, TEST_REDIS_URL } from '../support/redis';
import {
  type BffProcess,
  bffEnv,
  type EmulatorOnLoopback,
  HttpBrowser,
  removeBffEntry,
  startBffProcess,
  startEmulator,
} from './processes';

const ADMIN_TOKEN = 'scale-out-admin-token-0123456789abcdef';
const prefix = createTestPrefix();
let emulator: EmulatorOnLoopback;
let a: BffProcess;
let b: BffProcess;

beforeAll(async () => {
  emulator = await startEmulator();
  const env = bffEnv(emulator.origin, {
    SESSION_STORE: 'redis',
    REDIS_URL: TEST_REDIS_URL,
    REDIS_KEY_PREFIX: prefix,
    ADMIN_TOKEN,
    RATE_LIMIT_LOGIN: '4/1m',
    TRUST_PROXY: 'loopback',
  });
  [a, b] = await Promise.all([startBffProcess(env), startBffProcess(env)]);
});

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await emulator?.app.close();
  await deleteKeysWithPrefix(prefix);
  await removeBffEntry();
});

describe('two BFF instances sharing Redis', () => {
  it('a login started on A completes on B, and the session is valid on both', async () => {
    const browser = new HttpBrowser();
    await browser.login(a.url, b.url);
    expect(await browser.session(a.url)).toMatchObject({ status: 200, authenticated: true });
    expect(await browser.session(b.url)).toMatchObject({ status: 200, authenticated: true });
  });

  it('logging out on B makes the session anonymous on A at once', async () => {
    const browser = new HttpBrowser();
    await browser.login(a.url);
    const cookie = browser.cookieHeader();
    expect(await browser.session(b.url)).toMatchObject({ authenticated: true });
    const logout = await browser.request(`${b.url}/auth/logout`, {
      method: 'POST',
      headers: { 'x-csrf': '1' },
    });
    expect(logout.status).toBe(204);
    // The old cookie, replayed on A straight after: anonymous.
    const replay = await fetch(`${a.url}/auth/session`, { headers: { cookie, 'x-csrf': '1' } });
    expect(await replay.json()).toEqual({ authenticated: false });
  });

  it('revoke-all by sub on A ends the sessions created on A and on B', async () => {
    const onA = new HttpBrowser();
    const onB = new HttpBrowser();
    await onA.login(a.url);
    await onB.login(b.url);
    const { sub } = await onA.session(b.url);
    expect((await onB.session(a.url)).sub).toBe(sub);
    const response = await fetch(`${a.url}/admin/sessions/revoke`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ sub }),
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { revoked: number }).revoked).toBeGreaterThanOrEqual(2);
    for (const browser of [onA, onB])
      for (const instance of [a, b])
        expect(
          await new HttpBrowser()
            .request(`${instance.url}/auth/session`, {
              headers: { cookie: browser.cookieHeader(), 'x-csrf': '1' },
            })
            .then((r) => r.json()),
        ).toEqual({ authenticated: false });
  });

  it('"your sessions" on B lists and ends a session created on A', async () => {
    const phone = new HttpBrowser();
    const laptop = new HttpBrowser();
    await phone.login(a.url);
    await laptop.login(b.url);
    const list = (await (
      await laptop.request(`${b.url}/auth/sessions`, { headers: { 'x-csrf': '1' } })
    ).json()) as Array<{
      id: string;
      current: boolean;
    }>;
    const others = list.filter((s) => !s.current);
    expect(others.length).toBeGreaterThanOrEqual(1);
    const revoked = await laptop.request(`${b.url}/auth/sessions/revoke-others`, {
      method: 'POST',
      headers: { 'x-csrf': '1' },
    });
    expect(revoked.status).toBe(200);
    expect(await phone.session(a.url)).toMatchObject({ authenticated: false });
    expect(await laptop.session(a.url)).toMatchObject({ authenticated: true });
  });

  it('the login rate limit per client IP is shared by both instances', async () => {
    const client = new HttpBrowser('192.0.2.44');
    const statuses: number[] = [];
    let refused: Response | undefined;
    for (let i = 0; i < 6; i++) {
      const response = await client.request(`${(i % 2 === 0 ? a : b).url}/auth/login`);
      statuses.push(response.status);
      if (response.status === 429) refused = response;
    }
    expect(statuses).toEqual([302, 302, 302, 302, 429, 429]);
    const retryAfter = Number(refused?.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(await refused?.json()).toMatchObject({ code: 'BFF_RATE_LIMITED' });
    // Another client (as the load balancer reports it) is not affected.
    expect((await new HttpBrowser('192.0.2.45').request(`${b.url}/auth/login`)).status).toBe(302);
  });
});
