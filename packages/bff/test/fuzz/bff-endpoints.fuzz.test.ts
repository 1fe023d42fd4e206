/**
 * Property-based fuzz of every BFF endpoint (fast-check, fixed seed, bounded count): the login endpoints,
 * the callback, the session, logout, "your sessions" and its revocations, the admin revoke, `/api/*`
 * through the proxy to a real loopback upstream, the operations endpoints and the SPA's files. Requests
 * go in through `inject()`; the proxy's calls to the upstream are real HTTP on 127.0.0.1.
 *
 * Properties, for every request: no 5xx (the designed ones — 502/503/504 for provider, store and
 * upstream faults — need a fault this run never injects, so none is expected); every 4xx/5xx carries a
 * `BFF_*` code from the catalogue (JSON `code`, or the footnote of the HTML page); no body shows a stack
 * trace. After the run: the app still answers, the heap after gc is within a generous bound of where it
 * started, a session made before the run still reads as logged in, and a fresh login completes.
 *
 * Longer run: `FUZZ_RUNS=20000 npx vitest run --project integration packages/bff/test/fuzz`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type FuzzRequest,
  fuzzOptions,
  fuzzRequest,
  fuzzRuns,
  fuzzSeed,
  heapAfterGc,
  type RawResponse,
  STACK_TRACE,
  sendRaw,
} from '../../../emulator/test/fuzz/http-arbitraries';
import { BFF_ERRORS } from '../../src/errors';
import type { SimulatedBrowser } from '../support/simulated-internet';
import { BFF_ORIGIN, createTestWorld, loginWith, readSession, type TestWorld } from '../support/test-bff';

const RUNS = fuzzRuns(2500);
// Over real sockets: fewer (a connection each), for what inject() cannot show — node's parser and limits.
const SOCKET_RUNS = Math.ceil(RUNS / 5);
const SEED = fuzzSeed(0x5eed_bff);
const SESSION = '__Host-sgid-bff.session';
const LOGIN = '__Host-sgid-bff.login';
const ADMIN_TOKEN = 'fuzz-admin-token-0123456789abcdef0123';
// Stands for whichever live session the fuzz holds at the time of the request (logouts end them).
const LIVE = 'LIVE-SESSION-PLACEHOLDER';
const BYSTANDER_SUB = 'bystander-sub-51c2';

const ENDPOINTS = [
  'GET /',
  'GET /index.html',
  'GET /assets/app.js',
  'HEAD /assets/app.css',
  'GET /assets',
  'GET /favicon.ico',
  'GET /profile',
  'GET /auth/login',
  'POST /auth/login',
  'GET /auth/callback',
  'GET /auth/session',
  'POST /auth/logout',
  'GET /auth/sessions',
  'POST /auth/sessions/revoke-others',
  'DELETE /auth/sessions/AAAAAAAAAAAAAAAAAAAAAA',
  'DELETE /auth/sessions/x',
  'POST /admin/sessions/revoke',
  'GET /api/echo',
  'POST /api/echo/items',
  'GET /api/echo/..;/secret',
  'PUT /api/all/x',
  'DELETE /api/all/x',
  'HEAD /api/all',
  'GET /api/unknown/x',
  'GET /api',
  'GET /healthz',
  'GET /readyz',
  'GET /metrics',
  'GET /.well-known/jwks.json',
] as const;

/**
 * The upstream behind `/api/*`: answers every request 200 and marks the answer, so the properties can tell
 * the BFF's own errors from what the upstream said. Its header limit is generous: the BFF's limits are
 * under test, not its own.
 */
async function startFuzzUpstream() {
  let seen = 0;
  const server: Server = createServer({ maxHeaderSize: 1024 * 1024 }, (req, res) => {
    req.resume();
    req.on('end', () => {
      seen++;
      res.writeHead(200, { 'content-type': 'application/json', 'x-fuzz-upstream': '1' });
      res.end(JSON.stringify({ method: req.method, length: req.url?.length }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen: () => seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

let upstream: Awaited<ReturnType<typeof startFuzzUpstream>>;
let dataDir: string;
let world: TestWorld;
let bystander: SimulatedBrowser;
let live: { cookie: string; logins: number };

beforeAll(async () => {
  upstream = await startFuzzUpstream();
  dataDir = mkdtempSync(path.join(tmpdir(), 'sgid-bff-fuzz-'));
  world = await createTestWorld({
    provider: 'stub',
    env: {
      DATA_DIR: dataDir,
      ADMIN_TOKEN,
      API_ROUTES: JSON.stringify([
        { prefix: '/api/echo', upstream: upstream.origin, methods: ['GET', 'POST'], claims: ['myinfo.name'] },
        {
          prefix: '/api/all',
          upstream: `${upstream.origin}/base`,
          methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
        },
      ]),
    },
  });
  // Made before the fuzz, for another subject: no request of the fuzz holds its cookie.
  world.stub.behaviour.claims = { sub: BYSTANDER_SUB };
  world.stub.behaviour.userinfoSub = BYSTANDER_SUB;
  bystander = world.internet.createBrowser({ ip: '192.0.2.200' });
  await loginWith(bystander);
  world.stub.reset();
  live = { cookie: '', logins: 0 };
  await renewLiveSession();
});

afterAll(async () => {
  await world?.close();
  await upstream?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** A logged-in session for the fuzz to use (a new client address each time: logins are rate-limited). */
async function renewLiveSession(): Promise<void> {
  live.logins++;
  const browser = world.internet.createBrowser({ ip: `10.77.${live.logins >> 8}.${live.logins & 255}` });
  await loginWith(browser);
  const value = browser.jar.get(SESSION)?.value;
  if (!value) throw new Error('the fuzz could not log in');
  live.cookie = `${SESSION}=${value}`;
}

/** The request with the placeholder replaced by the live session cookie. */
function withLiveSession(request: FuzzRequest): FuzzRequest {
  const cookie = request.headers.cookie?.replaceAll(LIVE, live.cookie);
  return cookie === undefined ? request : { ...request, headers: { ...request.headers, cookie } };
}

async function send(request: FuzzRequest): Promise<RawResponse> {
  const sent = withLiveSession(request);
  const response = await world.bff.inject({
    method: sent.method as 'GET',
    url: sent.url,
    headers: sent.headers,
    payload: sent.payload,
    remoteAddress: sent.remoteAddress,
  });
  return {
    statusCode: response.statusCode,
    headers: response.headers as Record<string, string>,
    body: response.body,
  };
}

const statuses = new Map<number, number>();

/** The properties every answer has; renews the live session when the answer ended it. */
async function checkAnswer(request: FuzzRequest, response: RawResponse): Promise<void> {
  statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
  expect(response.statusCode, `${request.method} ${request.url.slice(0, 200)}`).toBeLessThan(500);
  expect(response.body).not.toMatch(STACK_TRACE);
  const fromUpstream = response.headers['x-fuzz-upstream'] === '1';
  if (response.statusCode >= 400 && request.method !== 'HEAD' && !fromUpstream)
    expect(CODES.has(codeOf(response)), `${response.statusCode} ${codeOf(response)}`).toBe(true);
  const setCookie = String(response.headers['set-cookie'] ?? '');
  if (request.headers.cookie?.includes(LIVE) && setCookie.includes(`${SESSION}=;`)) await renewLiveSession();
}

const CODES = new Set(Object.keys(BFF_ERRORS));

/** The `BFF_*` code an error response carries, or what is wrong with it. */
function codeOf(response: RawResponse): string {
  const type = String(response.headers['content-type'] ?? '');
  if (type.startsWith('application/json')) {
    const parsed = JSON.parse(response.body) as { code?: unknown };
    return typeof parsed.code === 'string' ? parsed.code : `no code in ${response.body.slice(0, 80)}`;
  }
  if (type.startsWith('text/html'))
    return /Error (BFF_[A-Z_]+)/.exec(response.body)?.[1] ?? 'no code in page';
  return `an error answered as ${type || 'no content type'}`;
}

const arbitrary = fuzzRequest({
  endpoints: ENDPOINTS,
  origin: BFF_ORIGIN,
  cookies: [LIVE, LIVE, `${LOGIN}=${'B'.repeat(43)}`, `${SESSION}=${'A'.repeat(43)}`],
  cookieNames: [SESSION, LOGIN],
  queries: [
    'returnTo=/profile',
    'returnTo=//evil.example',
    'returnTo=/%2e%2e/x',
    'error=access_denied',
    'error=access_denied&state=abc',
    'error=server_error',
    'error=server_error&state=abc&error_description=x',
    'error=temporarily_unavailable&state=',
    'code=abc&state=def',
    'code=&state=',
    'extendIdle=false',
    'extendIdle=true',
    'provider=false',
  ],
});

describe('fuzzing every BFF endpoint', () => {
  it(
    'no request gets a 5xx, an uncoded error or a stack trace, and afterwards an old session and a fresh login work',
    async () => {
      const heapBefore = await heapAfterGc();
      await fc.assert(
        fc.asyncProperty(arbitrary, async (request) => {
          await checkAnswer(request, await send(request));
        }),
        fuzzOptions(SEED, RUNS),
      );

      // Still up, and the heap did not grow with the count of requests.
      expect((await world.bff.inject({ url: '/healthz' })).statusCode).toBe(200);
      const heapAfter = await heapAfterGc();
      expect(heapAfter - heapBefore).toBeLessThan(64 * 1024 * 1024);

      expect(await readSession(bystander)).toMatchObject({ authenticated: true, sub: BYSTANDER_SUB });
      const fresh = world.internet.createBrowser({ ip: '192.0.2.201' });
      const login = await loginWith(fresh);
      expect(login.status).toBe(200);
      expect(await readSession(fresh)).toMatchObject({ authenticated: true });
      const upstreamCalls = upstream.seen();
      console.info(
        `BFF fuzz: ${RUNS} requests (seed ${SEED}), ${upstreamCalls} reached the upstream, ${live.logins} logins; ` +
          `statuses ${JSON.stringify(Object.fromEntries([...statuses].sort(([a], [b]) => a - b)))}; ` +
          `heap ${Math.round((heapAfter - heapBefore) / 1024)} KiB after gc`,
      );
    },
    30_000 + RUNS * 20,
  );

  it(
    'over real sockets, no request gets a 5xx or an uncoded error, oversized and unparsable ones included',
    async () => {
      await world.bff.listen({ port: 0, host: '127.0.0.1' });
      const { port } = world.bff.server.address() as AddressInfo;
      statuses.clear();
      await fc.assert(
        fc.asyncProperty(arbitrary, async (request) => {
          await checkAnswer(request, await sendRaw(port, withLiveSession(request)));
        }),
        fuzzOptions(SEED + 1, SOCKET_RUNS),
      );
      expect(await readSession(bystander)).toMatchObject({ authenticated: true, sub: BYSTANDER_SUB });
      console.info(
        `BFF fuzz over sockets: ${SOCKET_RUNS} requests (seed ${SEED + 1}); ` +
          `statuses ${JSON.stringify(Object.fromEntries([...statuses].sort(([a], [b]) => a - b)))}`,
      );
    },
    30_000 + SOCKET_RUNS * 50,
  );

  it("a header block over node's limit is 431 BFF_HEADERS_TOO_LARGE, and bytes that are not HTTP are 400 BFF_BAD_REQUEST", async () => {
    if (!world.bff.server.listening) await world.bff.listen({ port: 0, host: '127.0.0.1' });
    const { port } = world.bff.server.address() as AddressInfo;
    const huge = await sendRaw(port, {
      method: 'GET',
      url: '/auth/session',
      headers: { 'x-csrf': '1', cookie: `a=${'z'.repeat(20_000)}` },
      remoteAddress: '127.0.0.1',
    });
    expect(huge.statusCode).toBe(431);
    expect(JSON.parse(huge.body)).toMatchObject({ code: 'BFF_HEADERS_TOO_LARGE' });
    const garbage = await sendRaw(port, {
      method: 'GET',
      url: '/ \u0000',
      headers: {},
      remoteAddress: '127.0.0.1',
    });
    expect(garbage.statusCode).toBe(400);
    expect(JSON.parse(garbage.body)).toMatchObject({ code: 'BFF_BAD_REQUEST' });
  });
});
