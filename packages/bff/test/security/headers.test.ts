import { afterEach, describe, expect, it } from 'vitest';
import { BFF_ORIGIN, createTestWorld, loginWith, type TestWorld } from '../support/test-bff';

let world: TestWorld;
afterEach(() => world.close());

const nonceOf = (csp: string | null) => /'nonce-([^']+)'/.exec(csp ?? '')?.[1];
/**
 * Tests of the SPA the standalone server serves. Mounted in a host (docs/embedding.md), the host serves its
 * own SPA and these paths are not the BFF's: such worlds are pinned standalone in either test project.
 */
const SERVING_THE_SPA = { form: 'standalone' } as const;

describe('response headers', () => {
  it('CSP nonce differs per response', async () => {
    world = await createTestWorld(SERVING_THE_SPA);
    const browser = world.browser();
    const first = await browser.navigate(`${BFF_ORIGIN}/`);
    const second = await browser.navigate(`${BFF_ORIGIN}/`);
    const a = nonceOf(first.headers.get('content-security-policy'));
    const b = nonceOf(second.headers.get('content-security-policy'));
    expect(a).toBeDefined();
    expect(a).not.toBe(b);
  });

  it("the SPA's index.html carries the response's nonce on every script, style and link tag", async () => {
    world = await createTestWorld(SERVING_THE_SPA);
    const nav = await world.browser().navigate(`${BFF_ORIGIN}/`);
    const nonce = nonceOf(nav.headers.get('content-security-policy'));
    expect(nav.text).toContain(`<script nonce="${nonce}" type="module"`);
    expect(nav.text).toContain(`<link nonce="${nonce}" rel="stylesheet"`);
    const csp = nav.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("script-src 'self' 'nonce-");
  });

  it("the BFF's own pages have a nonce CSP with frame-ancestors 'none'", async () => {
    world = await createTestWorld();
    const nav = await world.browser().navigate(`${BFF_ORIGIN}/auth/callback?error=access_denied`);
    const csp = nav.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain(`'nonce-${nonceOf(csp)}'`);
    expect(nav.text).toContain(`<style nonce="${nonceOf(csp)}">`);
    expect(csp).not.toContain('unsafe-inline');
    expect(nav.headers.get('x-content-type-options')).toBe('nosniff');
    expect(nav.headers.get('referrer-policy')).toBeTruthy();
    expect(nav.headers.get('cross-origin-opener-policy')).toBe('same-origin');
  });

  it('an unknown path under /auth is 404 BFF_NOT_FOUND, page or fetch', async () => {
    world = await createTestWorld();
    const page = await world.bff.inject({ url: '/auth/nope', headers: { accept: 'text/html' } });
    expect(page.statusCode).toBe(404);
    expect(page.body).toContain('BFF_NOT_FOUND');
    const json = await world.bff.inject({ method: 'POST', url: '/auth/nope', headers: { 'x-csrf': '1' } });
    expect(json.statusCode).toBe(404);
    expect(json.json()).toMatchObject({ code: 'BFF_NOT_FOUND' });
  });

  it('every HTML response has nosniff, a Referrer-Policy and COOP same-origin', async () => {
    world = await createTestWorld(SERVING_THE_SPA);
    for (const path of ['/', '/some/client/route', '/auth/callback']) {
      const nav = await world.browser().navigate(`${BFF_ORIGIN}${path}`);
      expect(nav.headers.get('x-content-type-options')).toBe('nosniff');
      expect(nav.headers.get('referrer-policy')).toBeTruthy();
      expect(nav.headers.get('cross-origin-opener-policy')).toBe('same-origin');
      expect(nav.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    }
  });

  it('/auth responses are no-store with Referrer-Policy no-referrer', async () => {
    world = await createTestWorld();
    const browser = world.browser();
    const nav = await loginWith(browser);
    for (const hop of nav.chain.filter((h) => h.url.startsWith(`${BFF_ORIGIN}/auth/`))) {
      expect(hop.headers.get('cache-control')).toBe('no-store');
      expect(hop.headers.get('referrer-policy')).toBe('no-referrer');
    }
    const session = await browser.fetch(`${BFF_ORIGIN}/auth/session`, { headers: { 'x-csrf': '1' } });
    expect(session.headers.get('cache-control')).toBe('no-store');
  });

  it('HSTS is sent when PUBLIC_URL is https and not otherwise', async () => {
    world = await createTestWorld();
    expect(
      (await world.bff.inject({ url: '/healthz' })).headers['strict-transport-security'],
    ).toBeUndefined();
    await world.close();
    world = await createTestWorld({ env: { PUBLIC_URL: 'https://app.example.gov.sg' } });
    const response = await world.bff.inject({ url: '/healthz' });
    expect(response.headers['strict-transport-security']).toContain('max-age=');
  });

  it('static assets are served with nosniff and long caching', async () => {
    world = await createTestWorld(SERVING_THE_SPA);
    const response = await world.bff.inject({ url: '/assets/app.js' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['cache-control']).toContain('immutable');
  });

  it('unknown paths that accept HTML fall back to index.html, but not under /auth or /api', async () => {
    world = await createTestWorld(SERVING_THE_SPA);
    const html = { accept: 'text/html' };
    expect((await world.bff.inject({ url: '/deep/link', headers: html })).statusCode).toBe(200);
    const auth = await world.bff.inject({ url: '/auth/nope', headers: html });
    expect(auth.statusCode).toBe(404);
    expect(auth.body).toContain('BFF_NOT_FOUND');
    expect((await world.bff.inject({ url: '/api/nope', headers: html })).statusCode).toBe(404);
    const json = await world.bff.inject({ url: '/deep/link', headers: { accept: 'application/json' } });
    expect(json.statusCode).toBe(404);
    expect(json.json()).toMatchObject({ code: 'BFF_NOT_FOUND' });
    expect((await world.bff.inject({ url: '/missing.js' })).statusCode).toBe(404);
  });

  it('without a built SPA, / explains and offers a login', async () => {
    world = await createTestWorld({ ...SERVING_THE_SPA, env: { SPA_DIR: 'none' } });
    const response = await world.bff.inject({ url: '/', headers: { accept: 'text/html' } });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('/auth/login');
  });
});
