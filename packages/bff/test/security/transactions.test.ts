import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  loginWithProvider,
  providerFixtures,
  sgidFixture,
  startProviderLoginUntilCallback,
  visitProviderCallback,
} from '../support/provider-fixtures';
import type { SimulatedBrowser } from '../support/simulated-internet';
import { BFF_ORIGIN, readSession, type TestWorld } from '../support/test-bff';

const LOGIN_COOKIE = '__Host-sgid-bff.login';

describe.each(providerFixtures)('login transactions ($name)', (fixture) => {
  let world: TestWorld;
  beforeEach(async () => {
    world = await fixture.createWorld();
  });
  afterEach(() => world.close());
  const loginWith = (browser: SimulatedBrowser, returnTo?: string) =>
    loginWithProvider(fixture, browser, returnTo);
  const startLoginUntilCallback = (browser: SimulatedBrowser, returnTo?: string) =>
    startProviderLoginUntilCallback(fixture, browser, returnTo);
  const visitCallback = (browser: SimulatedBrowser, url: string) =>
    visitProviderCallback(fixture, browser, url);
  it('callback rejects a state that has no transaction', async () => {
    const browser = world.browser();
    const callback = await startLoginUntilCallback(browser);
    const forged = new URL(callback);
    forged.searchParams.set('state', 'A'.repeat(43));
    const nav = await visitCallback(browser, forged.href);
    expect(nav.status).toBe(400);
    expect(nav.text).toContain('BFF_LOGIN_EXPIRED');
    expect(nav.text).toContain('Try again');
    expect((await readSession(browser)).authenticated).toBe(false);
  });

  it('callback rejects a transaction bound to another browser', async () => {
    const victim = world.browser();
    const attacker = world.browser();
    const callback = await startLoginUntilCallback(victim);
    const nav = await visitCallback(attacker, callback);
    expect(nav.status).toBe(400);
    expect(nav.text).toContain('BFF_TRANSACTION_BINDING_MISMATCH');
    expect((await readSession(attacker)).authenticated).toBe(false);
    // The rightful browser can still finish: a mismatch does not burn its transaction.
    const own = await visitCallback(victim, callback);
    expect(own.status).toBe(200);
    expect((await readSession(victim)).authenticated).toBe(true);
  });

  it('a transaction cannot be consumed twice', async () => {
    const browser = world.browser();
    const callback = await startLoginUntilCallback(browser);
    expect((await visitCallback(browser, callback)).status).toBe(200);
    // Another browser replaying the callback URL gets nothing (the same browser is sent to its own
    // session: replayed-callback.test.ts).
    const replay = await visitCallback(world.browser(), callback);
    expect(replay.status).toBe(400);
    expect(replay.text).toContain('BFF_LOGIN_EXPIRED');
  });

  it('an expired transaction gives a friendly page whose Try again starts a fresh login', async () => {
    const browser = world.browser();
    const callback = await startLoginUntilCallback(browser, '/orders');
    world.clock.advance(world.config.transaction.ttlMs + 1);
    const nav = await visitCallback(browser, callback);
    expect(nav.status).toBe(400);
    expect(nav.headers.get('content-type')).toContain('text/html');
    expect(nav.text).toContain('Your login expired');
    const retry = /href="([^"]+)"[^>]*>Try again/.exec(nav.text)?.[1];
    expect(retry).toMatch(/^\/auth\/login\?returnTo=/);
    const again = await browser.navigate(`${BFF_ORIGIN}${retry?.replaceAll('&amp;', '&')}`, {
      from: nav.url,
    });
    expect(again.status).toBe(200);
    expect((await readSession(browser)).authenticated).toBe(true);
  });

  it('the login cookie is __Host- SameSite=Lax HttpOnly with a short Max-Age and is cleared at the callback', async () => {
    const browser = world.browser();
    const callback = await startLoginUntilCallback(browser);
    const cookie = browser.jar.get(LOGIN_COOKIE);
    expect(cookie).toMatchObject({
      secure: true,
      httpOnly: true,
      sameSite: 'lax',
      path: '/',
      domain: undefined,
    });
    expect((cookie?.expiresAt ?? 0) - world.clock.now()).toBe(world.config.transaction.ttlMs);
    await visitCallback(browser, callback);
    expect(browser.jar.get(LOGIN_COOKIE)).toBeUndefined();
  });

  it('the login cookie holds a random binding, not the state, and the store only its hash', async () => {
    const browser = world.browser();
    const callback = await startLoginUntilCallback(browser);
    const state = new URL(callback).searchParams.get('state') ?? '';
    const binding = browser.jar.get(LOGIN_COOKIE)?.value ?? '';
    expect(binding).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(binding).not.toBe(state);
    const consumed = await world.store.consumeTransaction(state, binding, world.clock.now());
    expect(consumed.status).toBe('missing'); // keyed by hashes, so the raw values find nothing
  });

  it('returnTo is kept in the transaction, never in state', async () => {
    const browser = world.browser();
    const callback = await startLoginUntilCallback(browser, '/secret-place');
    const authorize = new URL(callback);
    expect(authorize.href).not.toContain('secret-place');
    const nav = await visitCallback(browser, callback);
    expect(nav.url).toBe(`${BFF_ORIGIN}/secret-place`);
  });

  it('several tabs can log in at once', async () => {
    const browser = world.browser();
    const first = await startLoginUntilCallback(browser, '/one');
    const second = await startLoginUntilCallback(browser, '/two');
    expect((await visitCallback(browser, second)).url).toBe(`${BFF_ORIGIN}/two`);
    expect(browser.jar.get(LOGIN_COOKIE)).toBeDefined(); // the first tab's login is still pending
    expect((await visitCallback(browser, first)).url).toBe(`${BFF_ORIGIN}/one`);
    expect(browser.jar.get(LOGIN_COOKIE)).toBeUndefined();
  });

  it('a browser has a capped number of live login transactions', async () => {
    const browser = world.browser();
    const max = world.config.transaction.maxPerBrowser;
    const callbacks: string[] = [];
    for (let i = 0; i <= max; i++) callbacks.push(await startLoginUntilCallback(browser, `/t${i}`));
    expect((await visitCallback(browser, callbacks[0] ?? '')).text).toContain('BFF_LOGIN_EXPIRED');
    expect((await visitCallback(browser, callbacks[max] ?? '')).status).toBe(200);
  });

  it("access_denied of this browser's login returns to the app with login=declined", async () => {
    const browser = world.browser();
    const callback = new URL(await startLoginUntilCallback(browser, '/back-here?tab=2'));
    const denied = new URL(`${BFF_ORIGIN}${fixture.callbackPath}`);
    denied.searchParams.set('error', 'access_denied');
    denied.searchParams.set('state', callback.searchParams.get('state') ?? '');
    const nav = await visitCallback(browser, denied.href);
    const requestId = nav.chain[0]?.headers.get('x-request-id');
    expect(nav.url).toBe(
      `${BFF_ORIGIN}/back-here?tab=2&login=declined&error=BFF_LOGIN_DECLINED&requestId=${requestId}`,
    );
    expect((await readSession(browser)).authenticated).toBe(false);
    // The transaction is gone: the same decline again is not this browser's live login any more.
    const again = await visitCallback(browser, denied.href);
    expect(again.status).toBe(400);
    expect(again.text).toContain('BFF_LOGIN_EXPIRED');
  });

  it("access_denied with a state that is not this browser's shows the friendly page, not a redirect", async () => {
    const callback = new URL(await startLoginUntilCallback(world.browser(), '/back-here'));
    const denied = new URL(`${BFF_ORIGIN}${fixture.callbackPath}`);
    denied.searchParams.set('error', 'access_denied');
    denied.searchParams.set('state', callback.searchParams.get('state') ?? '');
    const nav = await visitCallback(world.browser(), denied.href);
    expect(nav.status).toBe(400);
    expect(nav.chain).toHaveLength(1);
    expect(nav.text).toContain('BFF_TRANSACTION_BINDING_MISMATCH');
    expect(nav.text).toContain('/auth/login?returnTo=%2F');
  });

  it('a callback without code or state is a 400 page', async () => {
    const nav = await visitCallback(world.browser(), `${BFF_ORIGIN}${fixture.callbackPath}`);
    expect(nav.status).toBe(400);
    expect(nav.text).toContain('BFF_CALLBACK_INVALID');
  });

  it('the whole login still works when each browser logs in concurrently', async () => {
    const browsers = Array.from({ length: 5 }, () => world.browser());
    const results = await Promise.all(browsers.map((b) => loginWith(b)));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
  });
});

// sgID's own authorization URL; the provider-blind properties above run for every provider.
describe('login transactions with sgID', () => {
  it('POST /auth/login answers the sgID URL as JSON and needs the CSRF header', async () => {
    const world = await sgidFixture.createWorld();
    const browser = world.browser();
    const denied = await browser.fetch(`${BFF_ORIGIN}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ returnTo: '/x' }),
    });
    expect(denied.status).toBe(403);
    const ok = await browser.fetch(`${BFF_ORIGIN}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf': '1' },
      body: JSON.stringify({ returnTo: '/x' }),
    });
    const { url } = (await ok.json()) as { url: string };
    const authorize = new URL(url);
    expect(authorize.origin + authorize.pathname).toBe('http://127.0.0.1:5156/v2/oauth/authorize');
    expect(Object.fromEntries(authorize.searchParams)).toMatchObject({
      client_id: 'test-client',
      response_type: 'code',
      code_challenge_method: 'S256',
      redirect_uri: `${BFF_ORIGIN}/auth/callback`,
    });
    expect(authorize.searchParams.get('nonce')).toHaveLength(43);
    expect(authorize.searchParams.get('code_challenge')).toHaveLength(43);
    const nav = await browser.navigate(url, { from: `${BFF_ORIGIN}/` });
    expect(nav.url).toBe(`${BFF_ORIGIN}/x`);
    await world.close();
  });
});
