import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../src/store/memory-store';
import type { BffStore } from '../../src/store/store';
import {
  BFF_ORIGIN,
  createTestWorld,
  loginWith,
  readSession,
  standaloneAppOf,
  type TestWorld,
} from '../support/test-bff';

let world: TestWorld;
afterEach(() => world.close());

const SESSION = '__Host-sgid-bff.session';

/** A store that can be switched off and on, like a Redis that goes away and comes back. */
function createFlakyStore(): { store: BffStore; setDown: (down: boolean) => void } {
  const inner = createMemoryStore();
  let down = false;
  const store = { kind: inner.kind } as Record<string, unknown>;
  for (const [name, method] of Object.entries(inner)) {
    if (typeof method !== 'function') continue;
    store[name] = (...args: unknown[]) =>
      down
        ? Promise.reject(new Error('connection refused'))
        : (method as (...a: unknown[]) => unknown)(...args);
  }
  return {
    store: store as unknown as BffStore,
    setDown: (value) => {
      down = value;
    },
  };
}

describe('abuse and faults', () => {
  it('malformed cookie is a 4xx not a 500', async () => {
    world = await createTestWorld();
    for (const cookie of [
      `${SESSION}=%%%`,
      `${SESSION}=${'x'.repeat(500)}`,
      `${SESSION}="`,
      `${SESSION}=a;b;;=;`,
    ]) {
      const response = await world.bff.inject({ url: '/auth/session', headers: { cookie, 'x-csrf': '1' } });
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ code: 'BFF_COOKIE_MALFORMED' });
      expect(response.headers['set-cookie']).toContain('Max-Age=0');
    }
    const junk = await world.bff.inject({
      url: '/auth/session',
      headers: { cookie: '=;;;\u00ff=\u0001', 'x-csrf': '1' },
    });
    expect(junk.statusCode).toBe(200);
  });

  it('a malformed login cookie at the callback is a 4xx page, not a 500', async () => {
    world = await createTestWorld();
    const response = await world.bff.inject({
      url: `/auth/callback?code=abc&state=${'A'.repeat(43)}`,
      headers: { cookie: '__Host-sgid-bff.login=%%%', accept: 'text/html' },
    });
    expect(response.statusCode).toBe(400);
  });

  it.each([
    ['/auth/callback?state=a&state=b&code=c', 400],
    ['/auth/callback?code[x]=1', 400],
    ['/auth/login?returnTo=a&returnTo=b', 400],
    ['/auth/session?extendIdle=maybe', 400],
    ['/auth/%E0%A4%A', 400],
    ['/auth/%', 400],
    [`/auth/callback?code=${'c'.repeat(5000)}&state=s`, 400],
  ])('malformed query or path %s is a 4xx with a stable code', async (url, status) => {
    world = await createTestWorld();
    const response = await world.bff.inject({ url, headers: { 'x-csrf': '1' } });
    expect(response.statusCode).toBe(status);
    expect(response.json().code).toMatch(/^BFF_/);
  });

  it('a malformed path outside /auth (/%) is a 400 with a stable code where the whole origin is the BFF', async () => {
    // Mounted (docs/embedding.md), paths outside the BFF's are the host's to answer.
    world = await createTestWorld({ form: 'standalone' });
    const response = await world.bff.inject({ url: '/%', headers: { 'x-csrf': '1' } });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toMatch(/^BFF_/);
  });

  it('an oversized body is 413 and invalid JSON is 400', async () => {
    world = await createTestWorld();
    const headers = { 'x-csrf': '1', 'content-type': 'application/json', origin: BFF_ORIGIN };
    const big = await world.bff.inject({
      method: 'POST',
      url: '/auth/login',
      headers,
      payload: `{"returnTo":"/${'a'.repeat(20_000)}"}`,
    });
    expect(big.statusCode).toBe(413);
    expect(big.json()).toMatchObject({ code: 'BFF_PAYLOAD_TOO_LARGE' });
    const bad = await world.bff.inject({ method: 'POST', url: '/auth/login', headers, payload: '{nope' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'BFF_BAD_REQUEST' });
    const odd = await world.bff.inject({
      method: 'POST',
      url: '/auth/login',
      headers: { ...headers, 'content-type': 'text/xml' },
      payload: '<x/>',
    });
    expect(odd.statusCode).toBe(415);
  });

  it('login is rate-limited per IP', async () => {
    world = await createTestWorld({ env: { RATE_LIMIT_LOGIN: '3' } });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await world.bff.inject({ url: '/auth/login' })).statusCode);
    expect(statuses).toEqual([302, 302, 302, 429, 429]);
    const other = await world.bff.inject({ url: '/auth/login', remoteAddress: '198.51.100.9' });
    expect(other.statusCode).toBe(302);
    world.clock.advance(60_000);
    expect((await world.bff.inject({ url: '/auth/login' })).statusCode).toBe(302);
  });

  it('the callback is rate-limited per IP', async () => {
    world = await createTestWorld({ env: { RATE_LIMIT_CALLBACK: '2' } });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++)
      statuses.push((await world.bff.inject({ url: '/auth/callback?code=a&state=b' })).statusCode);
    expect(statuses).toEqual([400, 400, 429]);
  });

  it('store failure answers 503 BFF_STORE_UNAVAILABLE', async () => {
    const flaky = createFlakyStore();
    world = await createTestWorld({ store: flaky.store });
    const browser = world.browser();
    await loginWith(browser);
    flaky.setDown(true);
    const session = await browser.fetch(`${BFF_ORIGIN}/auth/session`, { headers: { 'x-csrf': '1' } });
    expect(session.status).toBe(503);
    expect(await session.json()).toMatchObject({ code: 'BFF_STORE_UNAVAILABLE' });
    const login = await loginWith(world.browser());
    expect(login.status).toBe(503);
    expect(login.text).toContain('BFF_STORE_UNAVAILABLE');
    expect((await world.bff.inject({ url: '/readyz' })).statusCode).toBe(503);
  });

  it('the BFF recovers by itself when the store returns', async () => {
    const flaky = createFlakyStore();
    world = await createTestWorld({ store: flaky.store });
    const browser = world.browser();
    await loginWith(browser);
    flaky.setDown(true);
    expect((await browser.fetch(`${BFF_ORIGIN}/auth/session`, { headers: { 'x-csrf': '1' } })).status).toBe(
      503,
    );
    flaky.setDown(false);
    expect((await readSession(browser)).authenticated).toBe(true);
    expect((await world.bff.inject({ url: '/readyz' })).statusCode).toBe(200);
  });

  it('an unexpected error is a generic 500 BFF_INTERNAL with a request id, details only in the log', async () => {
    // A route added to the BFF's own Fastify app: the mounted form runs the same app and error mapper,
    // but does not expose it for adding routes, so this world is pinned standalone.
    world = await createTestWorld({ form: 'standalone' });
    standaloneAppOf(world).get('/boom', async () => {
      throw new Error('secret internal detail');
    });
    const response = await world.bff.inject({ url: '/boom', headers: { accept: 'application/json' } });
    expect(response.statusCode).toBe(500);
    expect(response.json()).toEqual({
      code: 'BFF_INTERNAL',
      message: expect.any(String),
      requestId: expect.any(String),
    });
    expect(response.body).not.toContain('secret internal detail');
    expect(world.logLines.join('\n')).toContain('secret internal detail');
  });

  it('no secret, token, code, state or session id reaches the log', async () => {
    world = await createTestWorld({ provider: 'stub', env: { LOG_REQUESTS: 'true', LOG_LEVEL: 'debug' } });
    const browser = world.browser();
    const nav = await loginWith(browser);
    world.stub.behaviour.claims = { aud: 'x' };
    await loginWith(world.browser());
    const callback = new URL(nav.chain.find((h) => h.url.includes('/auth/callback'))?.url ?? '');
    const log = world.logLines.join('\n');
    expect(log.length).toBeGreaterThan(0);
    const sessionId = browser.jar.get(SESSION)?.value ?? 'unset';
    for (const secret of [
      world.config.sgid?.clientSecret.reveal() ?? 'unset',
      callback.searchParams.get('code') ?? 'unset',
      callback.searchParams.get('state') ?? 'unset',
      sessionId,
      'TAN HENG HUAT',
      '-----BEGIN',
    ])
      expect(log).not.toContain(secret);
  });
});
