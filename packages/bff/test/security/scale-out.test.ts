/**
 * Scale-out with Redis: two BFF instances behind one origin share sessions, transactions and rate limits.
 * Runs against REDIS_URL and fails (never skips) when no Redis answers.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createRedisStore } from '../../src/store/redis-store';
import type { BffStore } from '../../src/store/store';
import { createTestPrefix, deleteKeysWithPrefix, TEST_REDIS_URL } from '../support/redis';
import { BFF_ORIGIN, createTestWorld, loginWith, readSession, type TestWorld } from '../support/test-bff';

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

describe('scale-out with Redis', () => {
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
