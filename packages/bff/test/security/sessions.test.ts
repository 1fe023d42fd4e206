import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashToken } from '../../src/crypto/tokens';
import { subjectKeyOf } from '../../src/session/subject-key';
import { loginWithProvider, providerFixtures } from '../support/provider-fixtures';
import type { SimulatedBrowser } from '../support/simulated-internet';
import { BFF_ORIGIN, readSession, type TestWorld } from '../support/test-bff';

const SESSION = '__Host-sgid-bff.session';
const MINUTE = 60_000;

describe.each(providerFixtures)('sessions ($name)', (fixture) => {
  let world: TestWorld;
  beforeEach(async () => {
    world = await fixture.createWorld({
      env: { SESSION_IDLE_TIMEOUT: '30m', SESSION_ABSOLUTE_TIMEOUT: '12h' },
    });
  });
  afterEach(() => world.close());
  const loginWith = (browser: SimulatedBrowser, returnTo?: string) =>
    loginWithProvider(fixture, browser, returnTo);
  it('session cookie is __Host- Secure HttpOnly with no Domain', async () => {
    const browser = world.browser();
    const nav = await loginWith(browser);
    const setCookie = nav.chain.find((h) => h.url.includes('/auth/callback'))?.headers.getSetCookie() ?? [];
    const header = setCookie.find((c) => c.startsWith(`${SESSION}=`)) ?? '';
    expect(header).toMatch(/; Path=\/(;|$)/);
    expect(header).toContain('; Secure');
    expect(header).toContain('; HttpOnly');
    expect(header).toContain('; SameSite=Lax');
    expect(header).not.toMatch(/domain=/i);
    expect(browser.jar.rejected).toEqual([]);
    expect(browser.jar.get(SESSION)).toMatchObject({ secure: true, httpOnly: true, domain: undefined });
  });

  it('the session id is 256 bits from the CSPRNG and the store keeps only its hash', async () => {
    const browser = world.browser();
    await loginWith(browser);
    const id = browser.jar.get(SESSION)?.value ?? '';
    expect(Buffer.from(id, 'base64url')).toHaveLength(32);
    const now = world.clock.now();
    expect(await world.store.readSession(id, now)).toBeUndefined();
    expect(await world.store.readSession(hashToken(id), now)).toMatchObject({ sub: expect.any(String) });
  });

  it('a stolen store row cannot be replayed as a cookie', async () => {
    const browser = world.browser();
    await loginWith(browser);
    const id = browser.jar.get(SESSION)?.value ?? '';
    const thief = world.browser();
    thief.jar.set('localhost', SESSION, hashToken(id));
    expect((await readSession(thief)).authenticated).toBe(false);
  });

  it('login issues a new session id and destroys the previous one', async () => {
    const browser = world.browser();
    await loginWith(browser);
    const first = browser.jar.get(SESSION)?.value ?? '';
    await loginWith(browser);
    const second = browser.jar.get(SESSION)?.value ?? '';
    expect(second).not.toBe(first);
    expect(await world.store.readSession(hashToken(first), world.clock.now())).toBeUndefined();
    const replay = world.browser();
    replay.jar.set('localhost', SESSION, first);
    expect((await readSession(replay)).authenticated).toBe(false);
    expect((await readSession(browser)).authenticated).toBe(true);
  });

  it('a pre-set session cookie is never adopted at login (fixation)', async () => {
    const browser = world.browser();
    const planted = 'P'.repeat(43);
    browser.jar.set('localhost', SESSION, planted);
    await loginWith(browser);
    expect(browser.jar.get(SESSION)?.value).not.toBe(planted);
  });

  it('an unknown session id is anonymous', async () => {
    const browser = world.browser();
    browser.jar.set('localhost', SESSION, 'A'.repeat(43));
    const response = await browser.fetch(`${BFF_ORIGIN}/auth/session`, { headers: { 'x-csrf': '1' } });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ authenticated: false });
    expect(response.headers.getSetCookie().join()).toContain('Max-Age=0');
  });

  it('no cookie is anonymous', async () => {
    expect(await readSession(world.browser())).toEqual({ authenticated: false });
  });

  it('the session endpoint answers the SessionResponse shape with no-store', async () => {
    const browser = world.browser();
    await loginWith(browser);
    const response = await browser.fetch(`${BFF_ORIGIN}/auth/session`, { headers: { 'x-csrf': '1' } });
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = (await response.json()) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual([...fixture.sessionKeys].sort());
    expect(body.loginAt).toBe(new Date(world.clock.now()).toISOString());
    expect(body.expiresAt).toBe(new Date(world.clock.now() + 12 * 60 * MINUTE).toISOString());
    expect(body.idleExpiresAt).toBe(new Date(world.clock.now() + 30 * MINUTE).toISOString());
  });

  it('idle timeout ends a session', async () => {
    const browser = world.browser();
    await loginWith(browser);
    world.clock.advance(29 * MINUTE);
    expect((await readSession(browser, '?extendIdle=false')).authenticated).toBe(true);
    world.clock.advance(1 * MINUTE);
    expect((await readSession(browser)).authenticated).toBe(false);
  });

  it('activity extends the idle timeout', async () => {
    const browser = world.browser();
    await loginWith(browser);
    world.clock.advance(20 * MINUTE);
    const session = await readSession(browser);
    expect(session.idleExpiresAt).toBe(new Date(world.clock.now() + 30 * MINUTE).toISOString());
    world.clock.advance(20 * MINUTE);
    expect((await readSession(browser)).authenticated).toBe(true);
  });

  it('reading the session with extendIdle=false does not extend it', async () => {
    const browser = world.browser();
    await loginWith(browser);
    const loginAt = world.clock.now();
    for (let i = 0; i < 5; i++) {
      world.clock.advance(5 * MINUTE);
      const session = await readSession(browser, '?extendIdle=false');
      expect(session.idleExpiresAt).toBe(new Date(loginAt + 30 * MINUTE).toISOString());
    }
    world.clock.advance(5 * MINUTE);
    expect((await readSession(browser, '?extendIdle=false')).authenticated).toBe(false);
  });

  it('absolute timeout ends a session even when active', async () => {
    const browser = world.browser();
    await loginWith(browser);
    for (let elapsed = 0; elapsed < 12 * 60; elapsed += 20) {
      expect((await readSession(browser)).authenticated).toBe(true);
      world.clock.advance(20 * MINUTE);
    }
    expect((await readSession(browser)).authenticated).toBe(false);
  });

  it('logout makes the old cookie anonymous', async () => {
    const browser = world.browser();
    await loginWith(browser);
    const id = browser.jar.get(SESSION)?.value ?? '';
    const response = await browser.fetch(`${BFF_ORIGIN}/auth/logout`, {
      method: 'POST',
      headers: { 'x-csrf': '1' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('clear-site-data')).toBe('"cookies", "storage"');
    expect(browser.jar.get(SESSION)).toBeUndefined();
    const replay = world.browser();
    replay.jar.set('localhost', SESSION, id);
    expect((await readSession(replay)).authenticated).toBe(false);
  });

  it('logout by form post redirects to / with 303', async () => {
    const browser = world.browser();
    await loginWith(browser);
    const nav = await browser.navigate(`${BFF_ORIGIN}/auth/logout`, {
      method: 'POST',
      from: `${BFF_ORIGIN}/profile`,
      form: {},
    });
    expect(nav.chain[0]?.status).toBe(303);
    expect(nav.chain[0]?.location).toBe('/');
    expect((await readSession(browser)).authenticated).toBe(false);
  });

  it('sessions of a user can be listed and revoked all at once', async () => {
    const phone = world.browser();
    const laptop = world.browser();
    await loginWith(phone);
    await loginWith(laptop);
    // The store indexes a user as the provider's subject key (session/subject-key.ts).
    const sub = subjectKeyOf(fixture.name, String((await readSession(phone)).sub));
    expect(await world.store.listSessionsBySub(sub, world.clock.now())).toHaveLength(2);
    expect(await world.store.deleteSessionsBySub(sub)).toBe(2);
    expect((await readSession(phone)).authenticated).toBe(false);
    expect((await readSession(laptop)).authenticated).toBe(false);
  });

  it('nothing personal goes into a cookie', async () => {
    const browser = world.browser();
    await loginWith(browser);
    const values = [...browser.jar.cookies.values()].map((c) => c.value).join(' ');
    expect(values).not.toMatch(/TAN|HENG|1998|stub-sub/);
  });
});
