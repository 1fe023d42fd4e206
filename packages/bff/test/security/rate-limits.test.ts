import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../src/store/memory-store';
import type { BffStore } from '../../src/store/store';
import { createTestWorld, loginWith, readSession, type TestWorld } from '../support/test-bff';

let world: TestWorld;
afterEach(() => world.close());

/** A memory store that counts the login transactions created in it. */
function createCountingStore(): { store: BffStore; transactions: () => number } {
  const inner = createMemoryStore();
  let created = 0;
  const store: BffStore = {
    ...inner,
    createTransaction: (transaction, max) => {
      created++;
      return inner.createTransaction(transaction, max);
    },
  };
  return { store, transactions: () => created };
}

const IMAGE = { 'sec-fetch-mode': 'no-cors', 'sec-fetch-dest': 'image', 'sec-fetch-site': 'cross-site' };

describe('cross-site requests cannot spend the login budget', () => {
  it('60 cross-site image requests to /auth/login create no transaction and a real navigation still logs in', async () => {
    const counting = createCountingStore();
    world = await createTestWorld({ store: counting.store });
    for (let i = 0; i < 60; i++) {
      const response = await world.bff.inject({ url: '/auth/login?returnTo=/', headers: IMAGE });
      expect(response.statusCode).toBe(403);
      expect(response.json()).toMatchObject({ code: 'BFF_LOGIN_NOT_NAVIGATION' });
      expect(response.headers['set-cookie']).toBeUndefined();
    }
    expect(counting.transactions()).toBe(0);
    const browser = world.browser();
    const login = await loginWith(browser);
    expect(login.status).toBe(200);
    expect((await readSession(browser)).authenticated).toBe(true);
    expect(counting.transactions()).toBe(1);
  });

  it('60 cross-site image requests to /auth/callback spend no callback budget, and a real login still completes', async () => {
    // A budget of 5 callbacks a minute: without the navigation check the images would spend it all.
    world = await createTestWorld({ env: { RATE_LIMIT_CALLBACK: '5/1m' } });
    for (let i = 0; i < 60; i++) {
      const response = await world.bff.inject({ url: '/auth/callback?code=x&state=y', headers: IMAGE });
      expect(response.statusCode).toBe(403);
      expect(response.json()).toMatchObject({ code: 'BFF_CALLBACK_NOT_NAVIGATION' });
    }
    const browser = world.browser();
    const login = await loginWith(browser);
    expect(login.status).toBe(200);
    expect((await readSession(browser)).authenticated).toBe(true);
  });

  it.each([
    ['a frame', { 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'iframe' }],
    ['a script', { 'sec-fetch-mode': 'no-cors', 'sec-fetch-dest': 'script' }],
    ['an image of a browser that sends no Dest', { 'sec-fetch-mode': 'no-cors' }],
    ['a fetch', { 'sec-fetch-mode': 'cors', 'sec-fetch-dest': 'empty' }],
    ['a prefetch', { 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'document', 'sec-purpose': 'prefetch' }],
  ])('GET /auth/login from %s is refused without a transaction', async (_what, headers) => {
    const counting = createCountingStore();
    world = await createTestWorld({ store: counting.store });
    const response = await world.bff.inject({ url: '/auth/login', headers });
    expect(response.statusCode).toBe(403);
    // A navigation in a frame gets the error page, anything else JSON: both carry the code.
    expect(response.body).toContain('BFF_LOGIN_NOT_NAVIGATION');
    expect(counting.transactions()).toBe(0);
  });

  it('a client without browser fetch metadata still starts a login with GET /auth/login', async () => {
    world = await createTestWorld();
    expect((await world.bff.inject({ url: '/auth/login' })).statusCode).toBe(302);
    const navigation = { 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'document' };
    expect((await world.bff.inject({ url: '/auth/login', headers: navigation })).statusCode).toBe(302);
    // Node's fetch sends a lone `Sec-Fetch-Mode: cors` on every request; a browser always adds the Dest.
    const nodeFetch = { 'sec-fetch-mode': 'cors' };
    expect((await world.bff.inject({ url: '/auth/login', headers: nodeFetch })).statusCode).toBe(302);
  });
});

describe('rate limits count IPv6 clients per prefix', () => {
  const login = (address: string) =>
    world.bff.inject({ url: '/auth/login', headers: { 'x-forwarded-for': address } });

  it('two addresses in one IPv6 /64 share a login bucket, the next /64 has its own', async () => {
    world = await createTestWorld({ env: { TRUST_PROXY: 'true', RATE_LIMIT_LOGIN: '2' } });
    expect((await login('2001:db8:1:2::1')).statusCode).toBe(302);
    expect((await login('2001:db8:1:2:ffff:ffff:ffff:ffff')).statusCode).toBe(302);
    const third = await login('2001:db8:1:2:abcd::99');
    expect(third.statusCode).toBe(429);
    expect(third.json().code).toBe('BFF_RATE_LIMITED');
    expect((await login('2001:db8:1:3::1')).statusCode).toBe(302);
  });

  it('RATE_LIMIT_IPV6_PREFIX widens the group, e.g. to a /56', async () => {
    world = await createTestWorld({
      env: { TRUST_PROXY: 'true', RATE_LIMIT_LOGIN: '1', RATE_LIMIT_IPV6_PREFIX: '56' },
    });
    expect((await login('2001:db8:1:200::1')).statusCode).toBe(302);
    expect((await login('2001:db8:1:2ff::1')).statusCode).toBe(429);
    expect((await login('2001:db8:1:300::1')).statusCode).toBe(302);
  });

  it('an IPv4-mapped IPv6 address shares the bucket of its IPv4 address', async () => {
    world = await createTestWorld({ env: { TRUST_PROXY: 'true', RATE_LIMIT_LOGIN: '1' } });
    expect((await login('198.51.100.7')).statusCode).toBe(302);
    expect((await login('::ffff:198.51.100.7')).statusCode).toBe(429);
    expect((await login('198.51.100.8')).statusCode).toBe(302);
  });
});
