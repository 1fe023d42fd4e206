/**
 * One client must not take the BFF down through the proxy (issue #10), over real loopback sockets: an
 * upload aborted at any stage ends that request only (an 'uncaughtException' listener shows nothing
 * escaped), an upstream reset mid-response ends that response only, slow uploads from one session
 * cannot starve other users, and API_TIMEOUT covers the whole call.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { request } from 'undici';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { TestWorld } from '../support/test-bff';
import { type LoopbackUpstream, startLoopbackUpstream } from './loopback-upstream';
import {
  apiFetch,
  cookieOf,
  createProxyWorld,
  listenOnLoopback,
  loggedInBrowser,
  openRawRequest,
  parseRawJson,
  type RawRequest,
  sleep,
  waitUntil,
} from './proxy-world';

let upstream: LoopbackUpstream;
let dataDir: string;
let world: TestWorld | undefined;
const sockets: RawRequest[] = [];
// Whatever escapes a request's handling would end a production process: record it here.
const escaped: unknown[] = [];
const recordEscape = (error: unknown) => void escaped.push(error);

beforeAll(async () => {
  upstream = await startLoopbackUpstream();
  dataDir = mkdtempSync(path.join(tmpdir(), 'sgid-bff-proxy-availability-'));
  process.on('uncaughtException', recordEscape);
  process.on('unhandledRejection', recordEscape);
});
afterAll(async () => {
  process.off('uncaughtException', recordEscape);
  process.off('unhandledRejection', recordEscape);
  await upstream.close();
  rmSync(dataDir, { recursive: true, force: true });
});
beforeEach(() => {
  escaped.length = 0;
});
afterEach(async () => {
  for (const raw of sockets.splice(0)) raw.socket.destroy();
  upstream.releaseHolds();
  await world?.close();
  world = undefined;
});

const routes = () => [{ prefix: '/api/echo', upstream: upstream.origin, methods: ['GET', 'POST'] }];

function upload(port: number, cookie: string, target: string, length: number): RawRequest {
  const raw = openRawRequest(port, {
    method: 'POST',
    path: `/api/echo/${target}`,
    cookie,
    headers: { 'content-type': 'application/octet-stream', 'content-length': String(length) },
  });
  sockets.push(raw);
  return raw;
}

/** Sends `bytes` bytes every `everyMs` until the socket closes or `untilMs` has passed. */
async function trickle(raw: RawRequest, bytes: number, everyMs: number, untilMs: number): Promise<boolean> {
  const until = performance.now() + untilMs;
  let open = true;
  void raw.closed.then(() => {
    open = false;
  });
  while (open && performance.now() < until && raw.received() === '') {
    raw.socket.write(Buffer.alloc(bytes, 0x61));
    await sleep(everyMs);
  }
  return raw.received() !== '';
}

describe('an aborted upload ends that request, never the process', () => {
  it('an upload aborted while queued, mid-body, or after the upstream answered ends that request only', async () => {
    // The default pool (256 connections per upstream), and no per-session bound in the way of filling it,
    // nor the per-address connection bound (every socket here comes from 127.0.0.1).
    world = await createProxyWorld(
      routes(),
      { API_MAX_CONCURRENT_PER_SESSION: '1000', API_TIMEOUT: '20s', MAX_CONNECTIONS_PER_ADDRESS: '0' },
      dataDir,
    );
    const browser = await loggedInBrowser(world);
    const port = await listenOnLoopback(world);
    const cookie = cookieOf(browser);

    // Queued: every pooled connection is held, so this upload waits for one, and is aborted there.
    const holds: RawRequest[] = [];
    for (let i = 0; i < 256; i++) {
      const hold = openRawRequest(port, { method: 'GET', path: '/api/echo/hold', cookie });
      sockets.push(hold);
      holds.push(hold);
    }
    const holding = () => upstream.arrived.filter((r) => r.endsWith('/hold')).length;
    const heldBefore = holding();
    await waitUntil(() => holding() - heldBefore >= 256, 'the upstream holds every pooled connection');
    const queued = upload(port, cookie, 'upload', 100_000);
    queued.socket.write(Buffer.alloc(20_000, 1));
    await sleep(200);
    queued.socket.destroy();
    await queued.closed;
    await sleep(100);
    upstream.releaseHolds();
    for (const hold of holds) expect(await hold.status).toBe(200);

    // Mid-body: the upstream is reading it when the browser goes away.
    const before = upstream.arrived.length;
    const midBody = upload(port, cookie, 'upload', 100_000);
    midBody.socket.write(Buffer.alloc(30_000, 2));
    await waitUntil(() => upstream.arrived.length > before, 'the upstream reads the upload');
    await sleep(100);
    midBody.socket.resetAndDestroy();
    await midBody.closed;

    // After the upstream answered: it did not wait for the body, which the browser then abandons.
    const afterAnswer = upload(port, cookie, 'early', 100_000);
    afterAnswer.socket.write(Buffer.alloc(10_000, 3));
    expect(await afterAnswer.status).toBe(200);
    afterAnswer.socket.write(Buffer.alloc(10_000, 4));
    afterAnswer.socket.resetAndDestroy();
    await afterAnswer.closed;

    await sleep(200);
    expect(escaped).toEqual([]);
    // The BFF lives, and the same session's next calls work.
    const next = await apiFetch(browser, '/api/echo/after');
    expect(next.status).toBe(200);
    const posted = await apiFetch(browser, '/api/echo/created', { method: 'POST', body: '{"a":1}' });
    expect(posted.status).toBe(201);
    expect(escaped).toEqual([]);
  }, 60_000);

  it('a chunked upload crossing API_BODY_LIMIT is 413 BFF_PAYLOAD_TOO_LARGE on a closed connection, and the BFF serves on', async () => {
    world = await createProxyWorld(routes(), { API_BODY_LIMIT: '50000' }, dataDir);
    const browser = await loggedInBrowser(world);
    const port = await listenOnLoopback(world);
    const raw = openRawRequest(port, {
      method: 'POST',
      path: '/api/echo/upload',
      cookie: cookieOf(browser),
      headers: { 'content-type': 'application/octet-stream', 'transfer-encoding': 'chunked' },
    });
    sockets.push(raw);
    for (let i = 0; i < 8 && raw.received() === ''; i++) {
      raw.socket.write(`2710\r\n${'z'.repeat(10_000)}\r\n`);
      await sleep(50);
    }
    expect(await raw.status).toBe(413);
    await raw.closed;
    expect(parseRawJson(raw.received())).toMatchObject({ code: 'BFF_PAYLOAD_TOO_LARGE' });
    expect((await apiFetch(browser, '/api/echo/after')).status).toBe(200);
    expect(escaped).toEqual([]);
  });

  it('a download the browser aborts mid-response ends that request only', async () => {
    world = await createProxyWorld(routes(), {}, dataDir);
    const browser = await loggedInBrowser(world);
    const port = await listenOnLoopback(world);
    const raw = openRawRequest(port, { method: 'GET', path: '/api/echo/stream', cookie: cookieOf(browser) });
    sockets.push(raw);
    await waitUntil(() => raw.received().includes('first chunk'), 'the first chunk arrives');
    raw.socket.resetAndDestroy();
    await raw.closed;
    await sleep(100);
    upstream.releaseStream();
    await sleep(100);
    expect((await apiFetch(browser, '/api/echo/after')).status).toBe(200);
    expect(escaped).toEqual([]);
  });

  it('an upstream reset mid-response cuts that response off cleanly and the BFF serves on', async () => {
    world = await createProxyWorld(routes(), {}, dataDir);
    const browser = await loggedInBrowser(world);
    const port = await listenOnLoopback(world);
    const headers = { cookie: cookieOf(browser), 'x-csrf': '1' };
    const response = await request(`http://127.0.0.1:${port}/api/echo/reset`, { headers });
    expect(response.statusCode).toBe(200);
    // The browser sees a broken body, not a complete-looking short one.
    await expect(response.body.text()).rejects.toThrow();
    const early = await request(`http://127.0.0.1:${port}/api/echo/reset-before-headers`, { headers });
    expect(early.statusCode).toBe(502);
    expect(await early.body.json()).toMatchObject({ code: 'BFF_UPSTREAM_UNAVAILABLE' });
    expect((await apiFetch(browser, '/api/echo/after')).status).toBe(200);
    expect(escaped).toEqual([]);
  });
});

describe('slow uploads from one session cannot starve others', () => {
  it("another user's call still answers while one user trickles uploads over every upstream connection", async () => {
    // Defaults: 256 upstream connections, 16 proxied requests per session; no per-address connection
    // bound, since every socket here comes from 127.0.0.1.
    world = await createProxyWorld(
      routes(),
      { API_TIMEOUT: '3s', MAX_CONNECTIONS_PER_ADDRESS: '0' },
      dataDir,
    );
    const slowUser = await loggedInBrowser(world);
    const otherUser = await loggedInBrowser(world);
    const port = await listenOnLoopback(world);
    const cookie = cookieOf(slowUser);
    const uploadsBefore = upstream.arrived.filter((r) => r.endsWith('/upload')).length;
    const uploads: RawRequest[] = [];
    for (let i = 0; i < 260; i++) {
      const raw = upload(port, cookie, 'upload', 1_000_000);
      raw.socket.write('x');
      uploads.push(raw);
    }
    // Every upload is either holding an upstream connection or answered (all 256 are taken otherwise).
    const holding = () => upstream.arrived.filter((r) => r.endsWith('/upload')).length - uploadsBefore;
    const answered = () => uploads.filter((u) => u.received() !== '').length;
    await waitUntil(() => holding() + answered() >= 256, 'the uploads hold or are answered');
    const answer = await Promise.race([
      apiFetch(otherUser, '/api/echo/mine').then((r) => r.status),
      sleep(10_000).then(() => 'no answer past API_TIMEOUT'),
    ]);
    expect(answer).toBe(200);
    // The session's uploads past its bound were refused at once, so they held nothing.
    const refused = () => uploads.filter((u) => u.received().startsWith('HTTP/1.1 429')).length;
    await waitUntil(() => refused() >= 260 - 16, 'the uploads past the bound are refused');
    expect(refused()).toBe(260 - 16);
    expect(holding()).toBe(16);
  }, 60_000);

  it('a request over API_MAX_CONCURRENT_PER_SESSION is refused at once with 429 BFF_TOO_MANY_CONCURRENT', async () => {
    world = await createProxyWorld(routes(), { API_MAX_CONCURRENT_PER_SESSION: '2' }, dataDir);
    const browser = await loggedInBrowser(world);
    const port = await listenOnLoopback(world);
    const cookie = cookieOf(browser);
    const holds = [0, 1].map(() => {
      const raw = openRawRequest(port, { method: 'GET', path: '/api/echo/hold', cookie });
      sockets.push(raw);
      return raw;
    });
    await waitUntil(
      () => upstream.arrived.filter((r) => r.endsWith('/hold')).length >= 2,
      'both holds reach the upstream',
    );
    const third = openRawRequest(port, {
      method: 'GET',
      path: '/api/echo/third',
      cookie,
      headers: { connection: 'close' },
    });
    sockets.push(third);
    expect(await third.status).toBe(429);
    await third.closed;
    expect(parseRawJson(third.received())).toMatchObject({ code: 'BFF_TOO_MANY_CONCURRENT' });
    // Another session is not affected; once the holds end, this one may call again.
    const other = await loggedInBrowser(world);
    expect((await apiFetch(other, '/api/echo/x')).status).toBe(200);
    upstream.releaseHolds();
    for (const hold of holds) expect(await hold.status).toBe(200);
    await sleep(50);
    expect((await apiFetch(browser, '/api/echo/x')).status).toBe(200);
  });
});

describe('API_TIMEOUT covers the whole proxied call', () => {
  it('a call queued behind a full upstream pool is 504 BFF_UPSTREAM_TIMEOUT at API_TIMEOUT', async () => {
    world = await createProxyWorld(routes(), { API_UPSTREAM_CONNECTIONS: '1', API_TIMEOUT: '1s' }, dataDir);
    const browser = await loggedInBrowser(world);
    const first = apiFetch(browser, '/api/echo/hold');
    await waitUntil(() => upstream.arrived.some((r) => r.endsWith('/hold')), 'the upstream holds');
    const queued = await Promise.race([
      apiFetch(browser, '/api/echo/queued').then(async (r) => ({ status: r.status, body: await r.json() })),
      sleep(8000).then(() => 'no answer past API_TIMEOUT'),
    ]);
    expect(queued).toMatchObject({ status: 504, body: { code: 'BFF_UPSTREAM_TIMEOUT' } });
    expect((await first).status).toBe(504);
    // The queued call never reached the upstream.
    expect(upstream.arrived.filter((r) => r.endsWith('/queued'))).toEqual([]);
  });

  it('an upload still trickling at API_TIMEOUT is answered 408 BFF_REQUEST_BODY_TIMEOUT while it is still sending', async () => {
    world = await createProxyWorld(routes(), { API_TIMEOUT: '1s', API_BODY_MIN_RATE: '0' }, dataDir);
    const browser = await loggedInBrowser(world);
    const port = await listenOnLoopback(world);
    const raw = upload(port, cookieOf(browser), 'upload', 10_000);
    // 10 bytes every 100 ms would take 10 s; the answer must come before that.
    expect(await trickle(raw, 10, 100, 5000)).toBe(true);
    expect(await raw.status).toBe(408);
    await raw.closed;
    expect(parseRawJson(raw.received())).toMatchObject({ code: 'BFF_REQUEST_BODY_TIMEOUT' });
    expect(raw.received().toLowerCase()).toContain('connection: close');
  });

  it('an upload slower than API_BODY_MIN_RATE is answered 408 BFF_REQUEST_BODY_TIMEOUT after the grace period', async () => {
    world = await createProxyWorld(routes(), { API_BODY_MIN_RATE: '1000' }, dataDir);
    const browser = await loggedInBrowser(world);
    const port = await listenOnLoopback(world);
    const raw = upload(port, cookieOf(browser), 'upload', 100_000);
    // 100 bytes per second, well under 1000, for at most 12 s (API_TIMEOUT is 30 s).
    expect(await trickle(raw, 10, 100, 12_000)).toBe(true);
    expect(await raw.status).toBe(408);
    await raw.closed;
    expect(parseRawJson(raw.received())).toMatchObject({ code: 'BFF_REQUEST_BODY_TIMEOUT' });
    expect(escaped).toEqual([]);
  }, 60_000);
});
