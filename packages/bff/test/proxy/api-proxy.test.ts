/**
 * The API proxy's rules, each proven against a real upstream on a loopback port: the route allowlist,
 * methods, session and CSRF requirements, header stripping, the identity token (verified with jose
 * against the published JWKS), timeouts, unreachable upstreams, and streaming in both directions.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { createRemoteJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify } from 'jose';
import { request } from 'undici';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../../../scripts/lib/processes.mjs';
import { createDemoApi } from '../../src/demo-api/create-demo-api';
import type { SimulatedBrowser } from '../support/simulated-internet';
import {
  BFF_ORIGIN,
  createTestWorld,
  EMULATOR_PERSONA,
  loginWith,
  readSession,
  type TestWorld,
} from '../support/test-bff';
import { type LoopbackUpstream, startLoopbackUpstream } from './loopback-upstream';

const SESSION = '__Host-sgid-bff.session';
let upstream: LoopbackUpstream;
let dataDir: string;
let world: TestWorld;
let browser: SimulatedBrowser;

beforeAll(async () => {
  upstream = await startLoopbackUpstream();
  dataDir = mkdtempSync(path.join(tmpdir(), 'sgid-bff-proxy-'));
});
afterAll(async () => {
  await upstream.close();
  rmSync(dataDir, { recursive: true, force: true });
});
afterEach(async () => {
  await world.close();
});

async function createProxyWorld(routes: unknown[], env: Record<string, string> = {}) {
  world = await createTestWorld({
    env: {
      API_ROUTES: JSON.stringify(routes),
      DATA_DIR: dataDir,
      SGID_SCOPES: 'openid myinfo.name myinfo.date_of_birth myinfo.nric_number',
      ...env,
    },
  });
  browser = world.browser();
  await loginWith(browser);
  return world;
}

const echoRoute = (extra: Record<string, unknown> = {}) => ({
  prefix: '/api/echo',
  upstream: upstream.origin,
  methods: ['GET', 'POST'],
  claims: ['myinfo.name'],
  ...extra,
});

const api = (url: string, init: RequestInit = {}) =>
  browser.fetch(`${BFF_ORIGIN}${url}`, { ...init, headers: { 'x-csrf': '1', ...init.headers } });

/** Let the BFF listen on loopback (for jose's JWKS fetch and for streaming over a real socket). */
async function listen(): Promise<string> {
  await world.bff.listen({ port: 0, host: '127.0.0.1' });
  return `http://127.0.0.1:${(world.bff.server.address() as AddressInfo).port}`;
}

/** A GET with the path exactly as given (node:http; URL parsers would resolve dot segments first). */
function rawGet(origin: string, path: string): Promise<{ status: number; body: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      `${origin}/`,
      { path, headers: { cookie: sessionCookie(), 'x-csrf': '1' } },
      (res) => {
        let text = '';
        res.on('data', (chunk) => {
          text += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text || '{}') }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

const sessionCookie = () => `${SESSION}=${browser.jar.get(SESSION)?.value ?? ''}`;

describe('API proxy', () => {
  it('an /api path outside every configured prefix is 404 BFF_NOT_FOUND and reaches no upstream', async () => {
    await createProxyWorld([echoRoute()]);
    const before = upstream.seen.length;
    for (const url of ['/api/other/x', '/api/echoes', '/api', '/api/']) {
      const response = await api(url);
      expect(response.status, url).toBe(404);
      expect(((await response.json()) as { code: string }).code).toBe('BFF_NOT_FOUND');
    }
    expect(upstream.seen.length).toBe(before);
  });

  it('a method the route does not list is 405 BFF_METHOD_NOT_ALLOWED with Allow', async () => {
    await createProxyWorld([echoRoute({ methods: ['GET'] })]);
    const response = await api('/api/echo/x', { method: 'DELETE' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET');
    expect(((await response.json()) as { code: string }).code).toBe('BFF_METHOD_NOT_ALLOWED');
    expect((await api('/api/echo/x')).status).toBe(200);
  });

  it('without a session a fetch gets JSON 401 BFF_UNAUTHENTICATED, never a redirect', async () => {
    await createProxyWorld([echoRoute()]);
    const anonymous = world.browser();
    const response = await anonymous.fetch(`${BFF_ORIGIN}/api/echo/x`, { headers: { 'x-csrf': '1' } });
    expect(response.status).toBe(401);
    expect(response.headers.get('location')).toBeNull();
    expect(await response.json()).toMatchObject({ code: 'BFF_UNAUTHENTICATED' });
  });

  it('without the CSRF header, or from another site, the upstream is never called', async () => {
    await createProxyWorld([echoRoute()]);
    const before = upstream.seen.length;
    const noHeader = await browser.fetch(`${BFF_ORIGIN}/api/echo/x`);
    expect(noHeader.status).toBe(403);
    expect(await noHeader.json()).toMatchObject({ code: 'BFF_CSRF_HEADER_MISSING' });
    const crossSite = await browser.fetch(`${BFF_ORIGIN}/api/echo/x`, {
      method: 'POST',
      headers: { 'x-csrf': '1' },
      from: 'https://evil.example/',
    });
    expect(crossSite.status).toBe(403);
    expect(upstream.seen.length).toBe(before);
  });

  it('the upstream sees no Cookie, X-CSRF, browser Authorization or incoming identity headers', async () => {
    await createProxyWorld([echoRoute()]);
    const response = await api('/api/echo/hello?x=1', {
      headers: {
        authorization: 'Bearer forged',
        'x-user-id': 'admin',
        'x-user-email': 'boss@example.com',
        'x-forwarded-user': 'admin',
        'x-forwarded-for': '6.6.6.6',
        'x-auth-request-user': 'admin',
        'x-request-id': 'forged-id',
        'remote-user': 'admin',
        'accept-language': 'en-SG',
      },
    });
    expect(response.status).toBe(200);
    const seen = upstream.seen.at(-1);
    expect(seen?.url).toBe('/hello?x=1');
    const headers = seen?.headers ?? {};
    for (const name of [
      'cookie',
      'x-csrf',
      'x-user-id',
      'x-user-email',
      'x-forwarded-user',
      'x-auth-request-user',
      'remote-user',
    ])
      expect(headers[name], name).toBeUndefined();
    expect(headers.authorization).toMatch(/^Bearer eyJ/);
    expect(headers.authorization).not.toContain('forged');
    expect(headers['x-request-id']).toBe(response.headers.get('x-request-id'));
    expect(headers['x-request-id']).not.toBe('forged-id');
    expect(headers['x-forwarded-for']).toBe('203.0.113.7');
    expect(headers['x-forwarded-proto']).toBe('http');
    expect(headers['x-forwarded-host']).toBe('localhost:3000');
    expect(headers['accept-language']).toBe('en-SG');
  });

  it('the identity token verifies with jose against the published JWKS and carries only the listed claims', async () => {
    await createProxyWorld([echoRoute()]);
    const base = await listen();
    await api('/api/echo/whoami');
    const token = (upstream.seen.at(-1)?.headers.authorization ?? '').slice('Bearer '.length);
    const jwks = createRemoteJWKSet(new URL(`${base}/.well-known/jwks.json`));
    const { payload, protectedHeader } = await jwtVerify(token, jwks, {
      issuer: BFF_ORIGIN,
      audience: `${BFF_ORIGIN}/api/echo`,
      algorithms: ['ES256'],
      currentDate: new Date(world.clock.now()),
    });
    const session = await readSession(browser);
    expect(payload.sub).toBe(session.sub);
    expect(payload['myinfo.name']).toBe(EMULATOR_PERSONA.name);
    expect(payload['myinfo.date_of_birth']).toBeUndefined();
    expect(payload['myinfo.nric_number']).toBeUndefined();
    expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(60);
    expect(payload.jti).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(protectedHeader).toMatchObject({ alg: 'ES256', typ: 'JWT' });
    expect(decodeProtectedHeader(token).kid).toBeTruthy();
    // Another API's audience is not this one's.
    await expect(
      jwtVerify(token, jwks, {
        issuer: BFF_ORIGIN,
        audience: `${BFF_ORIGIN}/api/other`,
        currentDate: new Date(world.clock.now()),
      }),
    ).rejects.toThrow();
  });

  it('an RS256 PROXY_SIGNING_KEY signs with RS256 and the JWKS publishes every configured key', async () => {
    const { generateKeyPairSync } = await import('node:crypto');
    const pem = (type: 'rsa' | 'ec') =>
      (type === 'rsa'
        ? generateKeyPairSync('rsa', { modulusLength: 2048 })
        : generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
      ).privateKey
        .export({ type: 'pkcs8', format: 'pem' })
        .toString();
    await createProxyWorld([echoRoute()], { PROXY_SIGNING_KEY: `${pem('rsa')}\n${pem('ec')}` });
    const jwks = (await (await api('/.well-known/jwks.json')).json()) as {
      keys: Array<{ kty: string; alg: string }>;
    };
    expect(jwks.keys.map((k) => k.alg)).toEqual(['RS256', 'ES256']);
    expect(JSON.stringify(jwks)).not.toMatch(/"d":/);
    await api('/api/echo/x');
    const token = (upstream.seen.at(-1)?.headers.authorization ?? '').slice('Bearer '.length);
    expect(decodeProtectedHeader(token).alg).toBe('RS256');
  });

  it('the demo API greets the user by the name in the token it verified', async () => {
    const base = 'http://127.0.0.1';
    const demo = createDemoApi({
      jwksUrl: 'http://placeholder/',
      issuer: BFF_ORIGIN,
      audience: `${BFF_ORIGIN}/api/demo`,
    });
    await new Promise<void>((resolve) => demo.listen(0, '127.0.0.1', resolve));
    const demoPort = (demo.address() as AddressInfo).port;
    try {
      await createProxyWorld([
        { prefix: '/api/demo', upstream: `${base}:${demoPort}`, claims: ['myinfo.name'] },
      ]);
      const bffBase = await listen();
      demo.close();
      // Restart the demo API now that the BFF's JWKS URL is known.
      const real = createDemoApi({
        jwksUrl: `${bffBase}/.well-known/jwks.json`,
        issuer: BFF_ORIGIN,
        audience: `${BFF_ORIGIN}/api/demo`,
      });
      await new Promise<void>((resolve) => real.listen(demoPort, '127.0.0.1', resolve));
      try {
        const response = await api('/api/demo/hello');
        expect(response.status).toBe(200);
        const body = (await response.json()) as Record<string, unknown>;
        const session = await readSession(browser);
        expect(body).toMatchObject({
          message: `Hello, ${EMULATOR_PERSONA.name}`,
          sub: session.sub,
          provider: 'sgid',
          verifiedBy: 'jwt',
          claims: { 'myinfo.name': EMULATOR_PERSONA.name },
        });
        // Straight to the demo API with a forged identity: refused, with @sgid-bff/identity's code.
        const direct = await fetch(`${base}:${demoPort}/hello`, { headers: { 'x-user-id': 'admin' } });
        expect(direct.status).toBe(401);
        expect(direct.headers.get('www-authenticate')).toBe('Bearer');
        expect(await direct.json()).toMatchObject({ code: 'IDENTITY_TOKEN_MISSING' });
      } finally {
        real.closeAllConnections();
        await new Promise((resolve) => real.close(resolve));
      }
    } finally {
      demo.closeAllConnections();
    }
  });

  it('an upstream slower than the route timeout is 504 BFF_UPSTREAM_TIMEOUT within the timeout', async () => {
    await createProxyWorld([echoRoute({ timeout: '300ms' })]);
    const started = performance.now();
    const response = await api('/api/echo/slow');
    const elapsed = performance.now() - started;
    expect(response.status).toBe(504);
    expect(await response.json()).toMatchObject({ code: 'BFF_UPSTREAM_TIMEOUT' });
    expect(elapsed).toBeLessThan(1500);
  });

  it('an unreachable upstream is 502 BFF_UPSTREAM_UNAVAILABLE', async () => {
    const port = await freePort(); // nothing listens there
    await createProxyWorld([echoRoute({ upstream: `http://127.0.0.1:${port}` })]);
    const response = await api('/api/echo/x');
    expect(response.status).toBe(502);
    expect(await response.json()).toMatchObject({ code: 'BFF_UPSTREAM_UNAVAILABLE' });
  });

  it('response bodies stream: the browser reads the first chunk before the upstream has finished', async () => {
    await createProxyWorld([echoRoute()]);
    const base = await listen();
    const response = await request(`${base}/api/echo/stream`, {
      headers: { cookie: sessionCookie(), 'x-csrf': '1' },
    });
    expect(response.statusCode).toBe(200);
    const iterator = response.body[Symbol.asyncIterator]();
    const first = await iterator.next();
    expect(String(first.value)).toBe('first chunk\n');
    // Only now may the upstream finish: a buffering proxy would never have delivered the first chunk.
    upstream.releaseStream();
    let rest = '';
    for (let next = await iterator.next(); !next.done; next = await iterator.next())
      rest += String(next.value);
    expect(rest).toBe('second chunk\n');
  });

  it('request bodies stream: the upstream receives the first chunk before the browser has sent the last', async () => {
    await createProxyWorld([echoRoute()]);
    const base = await listen();
    const body = new Readable({ read() {} });
    const pending = request(`${base}/api/echo/upload`, {
      method: 'POST',
      headers: {
        cookie: sessionCookie(),
        'x-csrf': '1',
        origin: BFF_ORIGIN,
        'content-type': 'application/octet-stream',
      },
      body,
    });
    body.push(Buffer.alloc(1000, 1));
    // A buffering proxy would wait for the end of the body, which only comes after this.
    await upstream.firstUploadChunk;
    body.push(Buffer.alloc(500, 2));
    body.push(null);
    const response = await pending;
    expect(response.statusCode).toBe(200);
    expect(await response.body.json()).toEqual({ bytes: 1500 });
  });

  it('a request body over API_BODY_LIMIT is 413 and never reaches the upstream', async () => {
    await createProxyWorld([echoRoute()], { API_BODY_LIMIT: '1024' });
    const before = upstream.seen.length;
    const response = await api('/api/echo/x', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ big: 'x'.repeat(5000) }),
    });
    expect(response.status).toBe(413);
    expect(upstream.seen.length).toBe(before);
  });

  it('an upstream cannot set cookies on the BFF origin, nor its own CORS or server headers', async () => {
    await createProxyWorld([echoRoute()]);
    const response = await api('/api/echo/set-cookie');
    expect(response.status).toBe(200);
    expect(response.headers.getSetCookie()).toEqual([]);
    expect(response.headers.get('x-powered-by')).toBeNull();
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(browser.jar.get(SESSION)?.value).not.toBe('attacker');
  });

  it('dot segments and encoded slashes cannot climb out of the upstream base path', async () => {
    await createProxyWorld([echoRoute({ upstream: `${upstream.origin}/base` })]);
    const base = await listen();
    const before = upstream.seen.length;
    // Sent raw over the socket: a browser's URL parser would already have resolved some of these.
    for (const url of [
      '/api/echo/%2e%2e/secret',
      '/api/echo/a/%2E%2E/%2E%2E/secret',
      '/api/echo/a%2F..%2Fsecret',
      '/api/echo/a/../../secret',
    ]) {
      const response = await rawGet(base, url);
      expect([400, 404], url).toContain(response.status);
    }
    const encoded = await rawGet(base, '/api/echo/a/%2e%2e/secret');
    expect(encoded).toMatchObject({ status: 400, body: { code: 'BFF_UNSAFE_PATH' } });
    expect(upstream.seen.length).toBe(before);
    await api('/api/echo/ok/path');
    expect(upstream.seen.at(-1)?.url).toBe('/base/ok/path');
  });

  it('upstream statuses and bodies pass through, and the request counts as session activity', async () => {
    await createProxyWorld([echoRoute()]);
    const before = (await readSession(browser, '?extendIdle=false')).idleExpiresAt as string;
    world.clock.advance(5 * 60_000);
    const response = await api('/api/echo/created', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"a":1}',
    });
    expect(response.status).toBe(201);
    expect(upstream.seen.at(-1)?.body).toBe('{"a":1}');
    const after = (await readSession(browser, '?extendIdle=false')).idleExpiresAt as string;
    expect(Date.parse(after) - Date.parse(before)).toBe(5 * 60_000);
  });

  it('a session reuses its identity token for half its lifetime, never gets the token of another session, and none once revoked or logged out', async () => {
    await createProxyWorld([echoRoute()]);
    const tokenOf = () => (upstream.seen.at(-1)?.headers.authorization ?? '').slice('Bearer '.length);
    expect((await api('/api/echo/one')).status).toBe(200);
    const first = tokenOf();
    expect((await api('/api/echo/two')).status).toBe(200);
    expect(tokenOf()).toBe(first);
    world.clock.advance(30_000); // half of PROXY_TOKEN_TTL (60 s): renewed
    expect((await api('/api/echo/three')).status).toBe(200);
    const renewed = tokenOf();
    expect(renewed).not.toBe(first);
    expect(decodeJwt(renewed).iat).toBe((decodeJwt(first).iat ?? 0) + 30);
    // The same user in another browser: another session, its own token.
    const other = world.browser();
    await loginWith(other);
    const otherApi = (url: string, init: RequestInit = {}) =>
      other.fetch(`${BFF_ORIGIN}${url}`, { ...init, headers: { 'x-csrf': '1', ...init.headers } });
    expect((await otherApi('/api/echo/mine')).status).toBe(200);
    const otherToken = tokenOf();
    expect(otherToken).not.toBe(renewed);
    expect(decodeJwt(otherToken).sid).not.toBe(decodeJwt(renewed).sid);
    expect(decodeJwt(otherToken).sub).toBe(decodeJwt(renewed).sub);
    // The other browser revokes the first session: its next call is 401 and reaches no upstream.
    const sessions = (await (await otherApi('/auth/sessions')).json()) as Array<{
      id: string;
      current: boolean;
    }>;
    const firstSession = sessions.find((x) => !x.current);
    expect(firstSession).toBeDefined();
    expect((await otherApi(`/auth/sessions/${firstSession?.id}`, { method: 'DELETE' })).status).toBe(204);
    const seen = upstream.seen.length;
    expect((await api('/api/echo/after-revoke')).status).toBe(401);
    expect(upstream.seen.length).toBe(seen);
    // Logout ends the other one the same way.
    expect((await otherApi('/auth/logout', { method: 'POST' })).status).toBe(204);
    expect((await otherApi('/api/echo/after-logout')).status).toBe(401);
    expect(upstream.seen.length).toBe(seen);
  });
});
