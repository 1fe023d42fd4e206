/**
 * State is shared across instances: two BFF instances behind one origin, sharing the Redis at
 * REDIS_URL (or the PostgreSQL at DATABASE_URL), serve any user on either instance. Sessions, logins in flight, logout, revocation and rate
 * limits seen by one are seen by the other at once (no instance caches session validity). First in
 * process (two apps, one Redis, the simulated internet), then as two real processes, as a deployment
 * runs them, with the emulator as sgID on loopback, once per shared store (Redis, PostgreSQL). Fails (never
 * skips) when no Redis or PostgreSQL answers.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createRedisStore } from '../../src/store/redis-store';
import type { BffStore } from '../../src/store/store';
import { createTestSchema, dropSchemas, TEST_DATABASE_URL } from '../support/postgres';
import { createTestPrefix, deleteKeysWithPrefix, TEST_REDIS_URL } from '../support/redis';
import { BFF_ORIGIN, createTestWorld, loginWith, readSession, type TestWorld } from '../support/test-bff';
import {
  type BffProcess,
  bffEnv,
  type EmulatorOnLoopback,
  HttpBrowser,
  removeBffEntry,
  startBffProcess,
  startEmulator,
} from './processes';

describe('two instances in process, one Redis', () => {
  const prefix = createTestPrefix();
  let storeA: BffStore;
  let storeB: BffStore;
  const worlds: TestWorld[] = [];

  beforeAll(async () => {
    storeA = await createRedisStore({ url: TEST_REDIS_URL, keyPrefix: prefix });
    storeB = await createRedisStore({ url: TEST_REDIS_URL, keyPrefix: prefix });
  });
  afterEach(async () => {
    for (const world of worlds.splice(0)) await world.close();
  });
  afterAll(async () => {
    await storeA.close();
    await storeB.close();
    await deleteKeysWithPrefix(prefix);
  });

  it('a session created on one instance is valid on another, and logout on one is seen by all', async () => {
    const a = await createTestWorld({ store: storeA, env: { SESSION_STORE: 'redis' } });
    const b = await createTestWorld({ store: storeB, env: { SESSION_STORE: 'redis' } });
    worlds.push(a, b);
    const browser = a.browser();
    await loginWith(browser);
    const cookie = browser.jar.get('__Host-sgid-bff.session')?.value ?? '';
    const onB = await b.bff.inject({
      url: '/auth/session',
      headers: { cookie: `__Host-sgid-bff.session=${cookie}`, 'x-csrf': '1' },
    });
    expect(onB.json()).toMatchObject({ authenticated: true });
    const logout = await b.bff.inject({
      method: 'POST',
      url: '/auth/logout',
      headers: { cookie: `__Host-sgid-bff.session=${cookie}`, 'x-csrf': '1', origin: BFF_ORIGIN },
    });
    expect(logout.statusCode).toBe(204);
    expect((await readSession(browser)).authenticated).toBe(false);
  });

  it('a login started on one instance completes on another', async () => {
    const a = await createTestWorld({ store: storeA, env: { SESSION_STORE: 'redis' } });
    const b = await createTestWorld({ store: storeB, env: { SESSION_STORE: 'redis' } });
    worlds.push(a, b);
    // One provider for both instances; the browser's BFF origin moves to B after the login started on A.
    b.internet.register('http://127.0.0.1:5156', a.provider);
    const browser = a.browser();
    const started = await browser.navigate(`${BFF_ORIGIN}/auth/login`, {
      from: `${BFF_ORIGIN}/`,
      stopBefore: (u) => u.pathname === '/auth/callback',
    });
    a.internet.register(BFF_ORIGIN, b.bff);
    const nav = await browser.navigate(started.url, { from: 'http://127.0.0.1:5156/' });
    expect(nav.status).toBe(200);
    expect((await readSession(browser)).authenticated).toBe(true);
  });

  it('rate limits are shared across instances', async () => {
    const env = { SESSION_STORE: 'redis', RATE_LIMIT_LOGIN: '2' };
    const a = await createTestWorld({ store: storeA, env });
    const b = await createTestWorld({ store: storeB, env, clock: a.clock });
    worlds.push(a, b);
    const ip = '192.0.2.55';
    const statuses = [
      (await a.bff.inject({ url: '/auth/login', remoteAddress: ip })).statusCode,
      (await b.bff.inject({ url: '/auth/login', remoteAddress: ip })).statusCode,
      (await a.bff.inject({ url: '/auth/login', remoteAddress: ip })).statusCode,
    ];
    expect(statuses).toEqual([302, 302, 429]);
  });

  it('a login with the Redis store passes the idle timeout rules', async () => {
    const a = await createTestWorld({
      store: storeA,
      env: { SESSION_STORE: 'redis', SESSION_IDLE_TIMEOUT: '5m' },
    });
    worlds.push(a);
    const browser = a.browser();
    await loginWith(browser);
    a.clock.advance(4 * 60_000);
    expect((await readSession(browser, '?extendIdle=false')).authenticated).toBe(true);
    a.clock.advance(60_000);
    expect((await readSession(browser)).authenticated).toBe(false);
  });
});

/** A store both processes share: its variables, in a namespace of this run's own, and its clean-up. */
interface SharedStore {
  name: string;
  open: () => { env: Record<string, string>; cleanUp: () => Promise<void> };
}

const SHARED_STORES: SharedStore[] = [
  {
    name: 'Redis',
    open: () => {
      const prefix = createTestPrefix();
      return {
        env: { SESSION_STORE: 'redis', REDIS_URL: TEST_REDIS_URL, REDIS_KEY_PREFIX: prefix },
        cleanUp: () => deleteKeysWithPrefix(prefix),
      };
    },
  },
  {
    // A fresh schema: both processes start together on it, so they also race to migrate it.
    name: 'PostgreSQL',
    open: () => {
      const schema = createTestSchema();
      return {
        env: { SESSION_STORE: 'postgres', DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: schema },
        cleanUp: () => dropSchemas([schema]),
      };
    },
  },
];

describe.each(SHARED_STORES.map((s) => [s.name, s] as const))(
  'two BFF processes sharing %s',
  (_name, shared) => {
    const ADMIN_TOKEN = 'scale-out-admin-token-0123456789abcdef';
    const store = shared.open();
    let emulator: EmulatorOnLoopback;
    let a: BffProcess;
    let b: BffProcess;

    beforeAll(async () => {
      emulator = await startEmulator();
      const env = bffEnv(emulator.origin, {
        ...store.env,
        ADMIN_TOKEN,
        RATE_LIMIT_LOGIN: '4/1m',
        TRUST_PROXY: 'loopback',
      });
      [a, b] = await Promise.all([startBffProcess(env), startBffProcess(env)]);
    });

    afterAll(async () => {
      await Promise.all([a?.stop(), b?.stop()]);
      await emulator?.app.close();
      await store.cleanUp();
      await removeBffEntry();
    });

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
  },
);
