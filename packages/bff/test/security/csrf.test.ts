import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loginWithProvider, providerFixtures } from '../support/provider-fixtures';
import type { SimulatedBrowser } from '../support/simulated-internet';
import { BFF_ORIGIN, readSession, type TestWorld } from '../support/test-bff';

const EVIL = 'https://evil.example';

describe.each(providerFixtures)('CSRF and origin ($name)', (fixture) => {
  let world: TestWorld;
  beforeEach(async () => {
    world = await fixture.createWorld();
  });
  afterEach(() => world.close());
  const loginWith = (browser: SimulatedBrowser, returnTo?: string) =>
    loginWithProvider(fixture, browser, returnTo);
  it('session endpoint requires the CSRF header', async () => {
    const browser = world.browser();
    await loginWith(browser);
    const response = await browser.fetch(`${BFF_ORIGIN}/auth/session`);
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({
      code: 'BFF_CSRF_HEADER_MISSING',
      requestId: expect.any(String),
    });
  });

  it('the CSRF header must be exactly 1', async () => {
    const response = await world
      .browser()
      .fetch(`${BFF_ORIGIN}/auth/session`, { headers: { 'x-csrf': 'yes' } });
    expect(response.status).toBe(403);
  });

  it('cross-site Sec-Fetch-Site is rejected', async () => {
    const browser = world.browser();
    await loginWith(browser);
    const response = await browser.fetch(`${BFF_ORIGIN}/auth/session`, {
      headers: { 'x-csrf': '1' },
      from: EVIL,
    });
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ code: 'BFF_CROSS_SITE_REQUEST' });
  });

  it('an Origin other than PUBLIC_URL is rejected', async () => {
    const response = await world.bff.inject({
      method: 'POST',
      url: '/auth/logout',
      headers: { 'x-csrf': '1', origin: 'http://localhost:3001' },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ code: 'BFF_CROSS_SITE_REQUEST' });
  });

  it('logout requires the CSRF header or a same-origin form post', async () => {
    const browser = world.browser();
    await loginWith(browser);
    const bare = await world.bff.inject({ method: 'POST', url: '/auth/logout' });
    expect(bare.statusCode).toBe(403);
    const crossSiteForm = await browser.navigate(`${BFF_ORIGIN}/auth/logout`, {
      method: 'POST',
      from: EVIL,
      form: {},
    });
    expect(crossSiteForm.status).toBe(403);
    expect((await readSession(browser)).authenticated).toBe(true);
  });

  it('POST /auth/login rejects a cross-site request', async () => {
    const response = await world.browser().fetch(`${BFF_ORIGIN}/auth/login`, {
      method: 'POST',
      headers: { 'x-csrf': '1', 'content-type': 'application/json' },
      body: '{}',
      from: EVIL,
    });
    expect(response.status).toBe(403);
  });

  it('a cross-site page cannot read the session even with the cookie sent', async () => {
    const browser = world.browser();
    await loginWith(browser);
    const response = await browser.fetch(`${BFF_ORIGIN}/auth/session`, {
      headers: { 'x-csrf': '1' },
      from: EVIL,
    });
    expect(response.status).toBe(403);
    expect(await response.text()).not.toContain('TAN HENG HUAT');
  });

  it('CORS is off: no Access-Control-Allow-Origin is ever granted', async () => {
    const preflight = await world.bff.inject({
      method: 'OPTIONS',
      url: '/auth/session',
      headers: {
        origin: EVIL,
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'x-csrf',
      },
    });
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
  });
});
