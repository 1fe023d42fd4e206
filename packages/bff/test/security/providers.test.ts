/**
 * The shared layer with more than one provider (SECURITY.md "Protocol checks": mix-up defence): logins
 * pick an enabled provider, each provider has its own callback, a transaction remembers its provider and
 * issuer, and a callback arriving on another provider's redirect URI, or naming another issuer, is refused
 * with the transaction consumed. Singpass here is a stand-in (support/fake-singpass.ts).
 */
import { afterEach, describe, expect, it, type MockInstance, vi } from 'vitest';
import { BffServerError } from '../../src/errors';
import { createMemoryStore } from '../../src/store/memory-store';
import type { BffStore } from '../../src/store/store';
import {
  createFakeSingpass,
  FAKE_SINGPASS_IDENTITY,
  FAKE_SINGPASS_ISSUER,
  FAKE_SINGPASS_KEYS,
  type FakeSingpass,
  SINGPASS_TEST_ENV,
} from '../support/fake-singpass';
import {
  BFF_ORIGIN,
  createTestWorld,
  loginWith,
  readSession,
  sgidOf,
  startLoginUntilCallback,
  type TestWorld,
  visitCallback,
} from '../support/test-bff';

let world: TestWorld;
let singpass: FakeSingpass;
let store: BffStore;
/** Every transaction the BFF stored (spied before the app wraps the store). */
let created: MockInstance<BffStore['createTransaction']>;
afterEach(() => world.close());

/** sgID (the default) and the Singpass stand-in, both enabled. */
async function createTwoProviderWorld(env: Record<string, string> = {}): Promise<TestWorld> {
  singpass = createFakeSingpass();
  store = createMemoryStore();
  created = vi.spyOn(store, 'createTransaction');
  world = await createTestWorld({
    env: { ...SINGPASS_TEST_ENV, ...env },
    providers: { singpass },
    store,
  });
  return world;
}

/** The same callback, on another path of the BFF. */
const onPath = (callback: string, path: string) => {
  const url = new URL(callback);
  url.pathname = path;
  return url.href;
};

describe('choosing a provider at login', () => {
  it('login with an unknown provider is 400 BFF_PROVIDER_UNKNOWN, for the navigation and the fetch', async () => {
    world = await createTestWorld();
    const browser = world.browser();
    const nav = await browser.navigate(`${BFF_ORIGIN}/auth/login?provider=corppass&returnTo=%2F`, {
      from: `${BFF_ORIGIN}/`,
    });
    expect(nav.status).toBe(400);
    expect(nav.text).toContain('BFF_PROVIDER_UNKNOWN');
    const response = await browser.fetch(`${BFF_ORIGIN}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf': '1' },
      body: JSON.stringify({ provider: 'nope', returnTo: '/' }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 'BFF_PROVIDER_UNKNOWN' });
  });

  it('login with a provider this BFF has not enabled is 400 BFF_PROVIDER_UNKNOWN', async () => {
    world = await createTestWorld();
    const nav = await world
      .browser()
      .navigate(`${BFF_ORIGIN}/auth/login?provider=singpass`, { from: `${BFF_ORIGIN}/` });
    expect(nav.status).toBe(400);
    expect(nav.text).toContain('BFF_PROVIDER_UNKNOWN');
  });

  it('without provider the login uses DEFAULT_PROVIDER', async () => {
    await createTwoProviderWorld({ DEFAULT_PROVIDER: 'singpass' });
    const browser = world.browser();
    await loginWith(browser);
    expect(await readSession(browser)).toMatchObject({ provider: 'singpass' });
  });

  it('a beginLogin that fails leaves no transaction: the error page for GET, JSON for POST', async () => {
    await createTwoProviderWorld();
    singpass.failBeginWith = new BffServerError('BFF_PROVIDER_UNAVAILABLE', { detail: 'PAR refused' });
    const browser = world.browser();
    const nav = await browser.navigate(`${BFF_ORIGIN}/auth/login?provider=singpass&returnTo=%2F`, {
      from: `${BFF_ORIGIN}/`,
    });
    expect(nav.status).toBe(502);
    expect(nav.headers.get('content-type')).toContain('text/html');
    expect(nav.text).toContain('BFF_PROVIDER_UNAVAILABLE');
    const response = await browser.fetch(`${BFF_ORIGIN}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf': '1' },
      body: JSON.stringify({ provider: 'singpass' }),
    });
    expect(response.status).toBe(502);
    expect(await response.json()).toMatchObject({ code: 'BFF_PROVIDER_UNAVAILABLE' });
    expect(created).not.toHaveBeenCalled();
    expect(response.headers.get('set-cookie')).toBeNull();
  });
});

describe('a callback per provider, and the mix-up defence', () => {
  it('an sgID login completes on /auth/callback/sgid as on /auth/callback', async () => {
    world = await createTestWorld();
    const browser = world.browser();
    const callback = await startLoginUntilCallback(browser);
    const nav = await visitCallback(browser, onPath(callback, '/auth/callback/sgid'));
    expect(nav.url).toBe(`${BFF_ORIGIN}/profile`);
    expect(await readSession(browser)).toMatchObject({ authenticated: true, provider: 'sgid' });
  });

  it('a callback on another provider’s redirect URI for an sgID transaction is refused with BFF_PROVIDER_MISMATCH, and the transaction is gone', async () => {
    await createTwoProviderWorld();
    const browser = world.browser();
    const callback = await startLoginUntilCallback(browser);
    const mixed = await visitCallback(browser, onPath(callback, '/auth/callback/singpass'));
    expect(mixed.url).toContain('error=BFF_PROVIDER_MISMATCH');
    expect(singpass.completed).toHaveLength(0);
    expect((await readSession(browser)).authenticated).toBe(false);
    // Consumed: the right redirect URI cannot finish it any more.
    const rightful = await visitCallback(browser, callback);
    expect(rightful.status).toBe(400);
    expect(rightful.text).toContain('BFF_LOGIN_EXPIRED');
  });

  it('a Singpass transaction arriving on sgID’s /auth/callback is refused with BFF_PROVIDER_MISMATCH', async () => {
    await createTwoProviderWorld();
    const browser = world.browser();
    const nav = await browser.navigate(`${BFF_ORIGIN}/auth/login?provider=singpass&returnTo=%2Fp`, {
      from: `${BFF_ORIGIN}/`,
      stopBefore: (url) => url.pathname === '/auth/callback/singpass',
    });
    const mixed = await visitCallback(browser, onPath(nav.url, '/auth/callback'));
    expect(mixed.url).toContain('error=BFF_PROVIDER_MISMATCH');
    expect((await visitCallback(browser, nav.url)).text).toContain('BFF_LOGIN_EXPIRED');
  });

  it('a callback whose iss is not the transaction’s issuer is refused with BFF_PROVIDER_MISMATCH', async () => {
    world = await createTestWorld();
    const browser = world.browser();
    const callback = new URL(await startLoginUntilCallback(browser));
    callback.searchParams.set('iss', FAKE_SINGPASS_ISSUER);
    const nav = await visitCallback(browser, callback.href);
    expect(nav.url).toContain('error=BFF_PROVIDER_MISMATCH');
    expect((await readSession(browser)).authenticated).toBe(false);
  });

  it('a callback whose iss equals the transaction’s issuer completes', async () => {
    world = await createTestWorld();
    const browser = world.browser();
    const callback = new URL(await startLoginUntilCallback(browser));
    callback.searchParams.set('iss', sgidOf(world.config).issuer);
    const nav = await visitCallback(browser, callback.href);
    expect(nav.url).toBe(`${BFF_ORIGIN}/profile`);
    expect((await readSession(browser)).authenticated).toBe(true);
  });

  it('a callback for a provider this BFF has not enabled is 400 BFF_PROVIDER_UNKNOWN', async () => {
    world = await createTestWorld();
    const nav = await visitCallback(world.browser(), `${BFF_ORIGIN}/auth/callback/corppass?code=a&state=b`);
    expect(nav.status).toBe(400);
    expect(nav.text).toContain('BFF_PROVIDER_UNKNOWN');
  });
});

describe('a second provider’s logins, through the shared layer', () => {
  it('a Singpass login gives the Singpass session JSON and hands providerData back at the callback', async () => {
    await createTwoProviderWorld();
    const browser = world.browser();
    const nav = await browser.navigate(`${BFF_ORIGIN}/auth/login?provider=singpass&returnTo=%2Fp`, {
      from: `${BFF_ORIGIN}/`,
    });
    expect(nav.url).toBe(`${BFF_ORIGIN}/p`);
    const { loginAt, expiresAt, idleExpiresAt, ...session } = await readSession(browser);
    const { provider, sub, appType, scopes, user, acr, amr } = FAKE_SINGPASS_IDENTITY;
    expect(session).toEqual({ authenticated: true, provider, sub, appType, scopes, user, acr, amr });
    expect(singpass.completed[0]?.providerData).toEqual({
      dpopKey: { kty: 'EC', d: 'per-login-dpop-secret' },
    });
    expect(singpass.completed[0]?.code).toBe('fake-code');
    expect(created).toHaveBeenCalledTimes(1);
  });

  it('providerData is sealed at rest: the stored transaction does not hold it in clear', async () => {
    await createTwoProviderWorld();
    const browser = world.browser();
    await browser.navigate(`${BFF_ORIGIN}/auth/login?provider=singpass`, {
      from: `${BFF_ORIGIN}/`,
      stopBefore: (url) => url.pathname === '/auth/callback/singpass',
    });
    const stored = created.mock.calls[0]?.[0];
    expect(stored?.payload).toContain('"provider":"singpass"');
    expect(stored?.payload).toContain(`"issuer":"${FAKE_SINGPASS_ISSUER}"`);
    expect(stored?.payload).not.toContain('per-login-dpop-secret');
  });

  it('subjects are per provider: the Singpass session is indexed as singpass:<sub> and revoked as such', async () => {
    await createTwoProviderWorld({ ADMIN_TOKEN: 'a'.repeat(40) });
    const browser = world.browser();
    await browser.navigate(`${BFF_ORIGIN}/auth/login?provider=singpass`, { from: `${BFF_ORIGIN}/` });
    const sessions = await browser.fetch(`${BFF_ORIGIN}/auth/sessions`, { headers: { 'x-csrf': '1' } });
    expect(((await sessions.json()) as unknown[]).length).toBe(1);
    const revoke = (body: object) =>
      world.bff.inject({
        method: 'POST',
        url: '/admin/sessions/revoke',
        headers: { authorization: `Bearer ${'a'.repeat(40)}`, 'content-type': 'application/json' },
        payload: JSON.stringify(body),
      });
    // Without provider the subject is sgID's: the Singpass session is not it.
    expect((await revoke({ sub: FAKE_SINGPASS_IDENTITY.sub })).json()).toEqual({ revoked: 0 });
    expect((await revoke({ sub: FAKE_SINGPASS_IDENTITY.sub, provider: 'singpass' })).json()).toEqual({
      revoked: 1,
    });
    expect((await readSession(browser)).authenticated).toBe(false);
  });
});

describe('the BFF’s Singpass JWKS', () => {
  it('serves the public halves of SINGPASS_KEYS, never a private member, cached briefly', async () => {
    await createTwoProviderWorld();
    const response = await world.bff.inject({ method: 'GET', url: '/auth/singpass/jwks.json' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('application/json');
    expect(response.headers['cache-control']).toBe('public, max-age=300');
    const { keys } = response.json() as { keys: Array<Record<string, unknown>> };
    expect(keys).toEqual(
      FAKE_SINGPASS_KEYS.map(({ kty, crv, x, y, kid, use, alg }) => ({ kty, crv, x, y, kid, use, alg })),
    );
    for (const key of FAKE_SINGPASS_KEYS) expect(response.body).not.toContain(key.d);
    expect(response.body).not.toContain('"d"');
  });

  it('is not served when Singpass is not enabled', async () => {
    world = await createTestWorld();
    const response = await world.bff.inject({ method: 'GET', url: '/auth/singpass/jwks.json' });
    expect(response.statusCode).toBe(404);
  });
});
