/**
 * The proxy forwards only what it means to (issue #10), against a recording upstream on loopback: no
 * path that an upstream could resolve outside the route's base (Tomcat's `..;`, double encoding), no GET
 * or HEAD body, and no upstream response header that would act on the BFF's origin.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PROXIED_CSP } from '../../src/proxy/forward-headers';
import type { SimulatedBrowser } from '../support/simulated-internet';
import type { TestWorld } from '../support/test-bff';
import { type LoopbackUpstream, startLoopbackUpstream } from './loopback-upstream';
import { apiFetch, cookieOf, createProxyWorld, listenOnLoopback, loggedInBrowser } from './proxy-world';

let upstream: LoopbackUpstream;
let dataDir: string;
let world: TestWorld;
let browser: SimulatedBrowser;

beforeAll(async () => {
  upstream = await startLoopbackUpstream();
  dataDir = mkdtempSync(path.join(tmpdir(), 'sgid-bff-proxy-forwarding-'));
});
afterAll(async () => {
  await upstream.close();
  rmSync(dataDir, { recursive: true, force: true });
});
afterEach(async () => {
  await world.close();
});

async function setUp(extra: Record<string, unknown> = {}) {
  world = await createProxyWorld(
    [
      {
        prefix: '/api/java',
        upstream: `${upstream.origin}/base`,
        methods: ['GET', 'HEAD', 'POST'],
        ...extra,
      },
    ],
    {},
    dataDir,
  );
  browser = await loggedInBrowser(world);
}

/** A request with the path and body exactly as given (node:http resolves nothing). */
function rawCall(
  port: number,
  options: { method?: string; path: string; body?: string },
): Promise<{ status: number; body: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: {
          cookie: cookieOf(browser),
          'x-csrf': '1',
          ...(options.body === undefined
            ? {}
            : { 'content-type': 'text/plain', 'content-length': String(Buffer.byteLength(options.body)) }),
        },
      },
      (res) => {
        let text = '';
        res.on('data', (chunk) => {
          text += chunk;
        });
        res.on('end', () => {
          let body: Record<string, unknown> = {};
          try {
            body = JSON.parse(text || '{}');
          } catch {}
          resolve({ status: res.statusCode ?? 0, body });
        });
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('the proxy forwards only paths inside the route base', () => {
  it("a path parameter (Tomcat's dot-dot-semicolon) or a dot-segment in any encoding, double-encoded included, is 400 BFF_UNSAFE_PATH and the upstream never sees it", async () => {
    await setUp();
    const port = await listenOnLoopback(world);
    const before = upstream.arrived.length;
    for (const hostile of [
      '/api/java/..;/secret/x',
      '/api/java/%2e%2e;/secret/x',
      '/api/java/..;jsessionid=x/secret/x',
      '/api/java/.%2e;/secret/x',
      '/api/java/a/..;/..;/secret',
      '/api/java/%252e%252e/secret/x',
      '/api/java/%252E%252E%252Fsecret',
      '/api/java/a;jsessionid=x',
      '/api/java/a%3bb/x',
      '/api/java/%EF%BC%8E%EF%BC%8E/secret',
    ]) {
      const answer = await rawCall(port, { path: hostile });
      expect(answer, hostile).toMatchObject({ status: 400, body: { code: 'BFF_UNSAFE_PATH' } });
    }
    expect(upstream.arrived.slice(before)).toEqual([]);
    // A safe path still goes through, with the browser's own encoding.
    expect((await rawCall(port, { path: '/api/java/caf%C3%A9/a..b?q=..;' })).status).toBe(200);
    expect(upstream.arrived.slice(before)).toEqual(['GET /base/caf%C3%A9/a..b?q=..;']);
  });
});

describe('the proxy forwards no GET or HEAD body', () => {
  it('a GET or HEAD with a body is refused 400 BFF_BODY_NOT_ALLOWED and never reaches the upstream', async () => {
    await setUp();
    const port = await listenOnLoopback(world);
    const before = upstream.arrived.length;
    const get = await rawCall(port, { path: '/api/java/x', body: 'smuggled' });
    expect(get).toMatchObject({ status: 400, body: { code: 'BFF_BODY_NOT_ALLOWED' } });
    const head = await rawCall(port, { method: 'HEAD', path: '/api/java/x', body: 'smuggled' });
    expect(head.status).toBe(400);
    expect(upstream.arrived.slice(before)).toEqual([]);
    // Without a body both go through; a POST keeps its body.
    expect((await rawCall(port, { path: '/api/java/x' })).status).toBe(200);
    expect((await rawCall(port, { method: 'POST', path: '/api/java/x', body: 'fine' })).status).toBe(200);
    expect(upstream.seen.at(-1)).toMatchObject({ method: 'POST', body: 'fine' });
  });
});

describe('upstream responses cannot act on the BFF origin', () => {
  it('a proxied page gets the sandboxing CSP, nosniff and no-store, and loses Clear-Site-Data, Refresh, Set-Cookie, Alt-Svc', async () => {
    await setUp();
    const response = await apiFetch(browser, '/api/java/html');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toBe(PROXIED_CSP);
    expect(PROXIED_CSP).toContain('sandbox');
    expect(PROXIED_CSP).toContain("default-src 'none'");
    expect(response.headers.get('content-security-policy-report-only')).toBeNull();
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('expires')).toBeNull();
    for (const name of ['clear-site-data', 'refresh', 'alt-svc', 'nel'])
      expect(response.headers.get(name), name).toBeNull();
    expect(response.headers.getSetCookie()).toEqual([]);
    // The session survives: nothing was cleared or overwritten.
    expect(browser.jar.get('__Host-sgid-bff.session')?.value).not.toBe('attacker');
    expect((await apiFetch(browser, '/api/java/x')).status).toBe(200);
  });

  it('a route that opts in passes the upstream CSP and Cache-Control, and still none of the origin-wide headers', async () => {
    await setUp({ upstreamCsp: true, upstreamCacheControl: true });
    const response = await apiFetch(browser, '/api/java/html');
    expect(response.headers.get('content-security-policy')).toBe("script-src 'unsafe-inline'");
    expect(response.headers.get('cache-control')).toBe('public, max-age=600');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    for (const name of ['clear-site-data', 'refresh', 'alt-svc'])
      expect(response.headers.get(name), name).toBeNull();
    expect(response.headers.getSetCookie()).toEqual([]);
  });

  it('a Location inside the upstream base is rewritten to the BFF path, and any other Location is dropped', async () => {
    await setUp();
    const location = async (to: string) => {
      const response = await apiFetch(browser, `/api/java/redirect?to=${encodeURIComponent(to)}`, {
        redirect: 'manual',
      });
      expect(response.status, to).toBe(302);
      return response.headers.get('location');
    };
    expect(await location(`${upstream.origin}/base/next?x=1`)).toBe('/api/java/next?x=1');
    expect(await location('/base/other')).toBe('/api/java/other');
    expect(await location('sibling')).toBe('/api/java/sibling');
    expect(await location(`${upstream.origin}/base`)).toBe('/api/java');
    expect(await location('https://evil.example/phish')).toBeNull();
    expect(await location('//evil.example/phish')).toBeNull();
    expect(await location(`${upstream.origin}/secret`)).toBeNull();
    expect(await location(`${upstream.origin}/base-other/x`)).toBeNull();
    expect(await location('/base/../secret')).toBeNull();
    expect(await location('/auth/logout')).toBeNull();
  });
});
