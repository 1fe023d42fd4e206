/**
 * The BFF mounted in an Express 5 host (docs/embedding.md): the host's routes sit beside the BFF's, a
 * logged-in user reaches the host's `requireSession()` routes with the rules of `/api/*`, and misuse (a
 * body parser first) fails with a stable code instead of hanging.
 */
import express from 'express';
import { inject } from 'light-my-request';
import { afterEach, describe, expect, it } from 'vitest';
import { createBffHandler } from '../../src/mount/create-bff-handler';
import { createMemoryStore } from '../../src/store/memory-store';
import { BFF_ORIGIN, createTestEnv, createTestWorld, loginWith, type TestWorld } from '../support/test-bff';

let world: TestWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

const FETCH = { 'x-csrf': '1' };

async function loggedIn() {
  world = await createTestWorld({ form: 'express' });
  const browser = world.browser();
  const nav = await loginWith(browser, '/profile');
  expect(nav.url).toBe(`${BFF_ORIGIN}/profile`);
  return { world, browser };
}

describe('the BFF mounted in Express', () => {
  it("passes the host's paths on: host routes answer, unknown host paths get the host's 404, BFF paths the BFF's", async () => {
    world = await createTestWorld({ form: 'express' });
    const host = await world.bff.inject({ url: '/host/me', headers: FETCH });
    expect(host.statusCode).toBe(401); // the host's route, behind requireSession()
    const missing = await world.bff.inject({ url: '/nothing/here' });
    expect(missing.statusCode).toBe(404);
    expect(missing.body).toContain('Cannot GET /nothing/here'); // Express's own 404, not the BFF's
    const bffMissing = await world.bff.inject({ url: '/auth/nothing', headers: FETCH });
    expect(bffMissing.json()).toMatchObject({ code: 'BFF_NOT_FOUND' });
    const session = await world.bff.inject({ url: '/auth/session', headers: FETCH });
    expect(session.json()).toEqual({ authenticated: false });
    const spa = await world.bff.inject({ url: '/profile', headers: { accept: 'text/html' } });
    expect(spa.statusCode).toBe(200); // the host's SPA fallback
    expect(spa.headers['content-security-policy']).toBeUndefined(); // not the BFF's index
  });

  it('requireSession: a logged-in user is on req.bffSession, typed by provider', async () => {
    const { browser } = await loggedIn();
    const me = await browser.fetch(`${BFF_ORIGIN}/host/me`, { headers: FETCH });
    expect(me.status).toBe(200);
    expect(await me.json()).toEqual({ sub: expect.stringMatching(/\S/), provider: 'sgid' });
    const order = await browser.fetch(`${BFF_ORIGIN}/host/orders`, {
      method: 'POST',
      headers: { ...FETCH, origin: BFF_ORIGIN, 'content-type': 'application/json' },
      body: JSON.stringify({ item: 'tea' }),
    });
    expect(order.status).toBe(201);
    // The host's own body parser, after the BFF, still parses the host's bodies.
    expect(await order.json()).toMatchObject({ order: { item: 'tea' } });
  });

  it('requireSession: 401 in the BFF error shape without a session, the dead cookie cleared', async () => {
    world = await createTestWorld({ form: 'express' });
    const none = await world.bff.inject({ url: '/host/me', headers: FETCH });
    expect(none.statusCode).toBe(401);
    expect(none.json()).toEqual({
      code: 'BFF_UNAUTHENTICATED',
      message: expect.any(String),
      requestId: expect.any(String),
    });
    expect(none.headers['cache-control']).toBe('no-store');
    const unknown = await world.bff.inject({
      url: '/host/me',
      headers: { ...FETCH, cookie: `${world.config.session.cookieName}=${'A'.repeat(43)}` },
    });
    expect(unknown.statusCode).toBe(401);
    expect(String(unknown.headers['set-cookie'])).toMatch(/Max-Age=0/);
  });

  it('requireSession: a cross-site POST and a POST without X-CSRF are refused before the host route runs', async () => {
    const { world: w, browser } = await loggedIn();
    // What another site's page would send with the user's cookie (the simulated browser sets its own Origin).
    const cookie = browser.jar.headerFor({
      url: new URL(`${BFF_ORIGIN}/host/orders`),
      topLevelNavigation: false,
      crossSite: false,
      method: 'POST',
    });
    const post = (headers: Record<string, string>) =>
      w.bff.inject({
        method: 'POST',
        url: '/host/orders',
        headers: { 'content-type': 'application/json', cookie: cookie ?? '', ...headers },
        payload: '{"item":"tea"}',
      });
    expect((await post({ ...FETCH, origin: BFF_ORIGIN })).statusCode).toBe(201);
    const crossSite = await post({ ...FETCH, origin: 'https://evil.example' });
    expect(crossSite.statusCode).toBe(403);
    expect(crossSite.json()).toMatchObject({ code: 'BFF_CROSS_SITE_REQUEST' });
    const fetchMeta = await post({ ...FETCH, 'sec-fetch-site': 'cross-site' });
    expect(fetchMeta.statusCode).toBe(403);
    const noHeader = await post({ origin: BFF_ORIGIN });
    expect(noHeader.statusCode).toBe(403);
    expect(noHeader.json()).toMatchObject({ code: 'BFF_CSRF_HEADER_MISSING' });
  });

  it('requireSession: activity on host routes slides the idle timer; idle expiry ends access', async () => {
    const { world: w, browser } = await loggedIn();
    const idle = w.config.session.idleTimeoutMs;
    w.clock.advance(idle - 60_000);
    expect((await browser.fetch(`${BFF_ORIGIN}/host/me`, { headers: FETCH })).status).toBe(200);
    w.clock.advance(idle - 60_000); // past the first idle deadline, within the slid one
    expect((await browser.fetch(`${BFF_ORIGIN}/host/me`, { headers: FETCH })).status).toBe(200);
    w.clock.advance(idle + 1);
    const expired = await browser.fetch(`${BFF_ORIGIN}/host/me`, { headers: FETCH });
    expect(expired.status).toBe(401);
    expect(await expired.json()).toMatchObject({ code: 'BFF_UNAUTHENTICATED' });
  });

  it('requireSession: a session revoked in the store is refused on the next request', async () => {
    const { world: w, browser } = await loggedIn();
    expect((await browser.fetch(`${BFF_ORIGIN}/host/me`, { headers: FETCH })).status).toBe(200);
    const sub = (
      (await (await browser.fetch(`${BFF_ORIGIN}/host/me`, { headers: FETCH })).json()) as { sub: string }
    ).sub;
    expect(await w.store.deleteSessionsBySub(sub)).toBe(1);
    expect((await browser.fetch(`${BFF_ORIGIN}/host/me`, { headers: FETCH })).status).toBe(401);
  });

  it('a body parser before the BFF: a BFF request with a body is 500 BFF_BODY_ALREADY_READ at once', async () => {
    const handler = await createBffHandler({ config: createTestEnv() }, { store: createMemoryStore() });
    try {
      const host = express();
      host.use(express.json()); // wrong: before the BFF
      host.use(handler.middleware);
      const response = await inject(host, {
        method: 'POST',
        url: '/auth/logout',
        headers: { 'content-type': 'application/json', 'x-csrf': '1', origin: BFF_ORIGIN },
        payload: '{}',
      });
      expect(response.statusCode).toBe(500);
      expect(response.json()).toEqual({
        code: 'BFF_BODY_ALREADY_READ',
        message: expect.any(String),
        requestId: expect.any(String),
      });
      // Without a body nothing was read: the same misordered host still serves BFF GETs.
      const session = await inject(host, { url: '/auth/session', headers: { 'x-csrf': '1' } });
      expect(session.json()).toEqual({ authenticated: false });
    } finally {
      await handler.close();
    }
  });
});
