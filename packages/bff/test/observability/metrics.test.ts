/**
 * `GET /metrics`: the counters an operator alerts on, in Prometheus text, with no personal data; and
 * `METRICS_TOKEN` protecting it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../src/store/memory-store';
import type { BffStore } from '../../src/store/store';
import { type LoopbackUpstream, startLoopbackUpstream } from '../proxy/loopback-upstream';
import {
  BFF_ORIGIN,
  createTestWorld,
  EMULATOR_PERSONA,
  loginWith,
  readSession,
  type TestWorld,
} from '../support/test-bff';

const METRICS_TOKEN = 'metrics-token-0123456789-abcdefghijkl';
let world: TestWorld;
let upstream: LoopbackUpstream;
let dataDir: string;
beforeAll(async () => {
  upstream = await startLoopbackUpstream();
  dataDir = mkdtempSync(path.join(tmpdir(), 'sgid-bff-metrics-'));
});
afterAll(async () => {
  await upstream.close();
  rmSync(dataDir, { recursive: true, force: true });
});
afterEach(() => world.close());

/** A memory store whose `ping` and `readSession` can be made to fail. */
function createBreakableStore(): { store: BffStore; breakIt: (broken: boolean) => void } {
  const inner = createMemoryStore();
  let broken = false;
  const fail = () => Promise.reject(new Error('store down'));
  return {
    store: {
      ...inner,
      readSession: (...args) => (broken ? fail() : inner.readSession(...args)),
      ping: () => (broken ? fail() : inner.ping()),
    },
    breakIt: (value) => {
      broken = value;
    },
  };
}

/** The value of one sample line, e.g. `sgid_bff_logins_started_total`, or with labels. */
function sample(text: string, name: string, labels = ''): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${name}${labels} `));
  return line === undefined ? undefined : Number(line.split(' ')[1]);
}

describe('metrics', () => {
  it('/metrics counts logins, sessions, CSRF rejections, rate limits, provider latency, store errors and proxy requests', async () => {
    const { store, breakIt } = createBreakableStore();
    world = await createTestWorld({
      store,
      env: {
        RATE_LIMIT_LOGIN: '3/1m',
        DATA_DIR: dataDir,
        API_ROUTES: JSON.stringify([{ prefix: '/api/echo', upstream: upstream.origin }]),
      },
    });
    const browser = world.browser();
    await loginWith(browser); // a login started, succeeded, a session created
    const sub = String((await readSession(browser)).sub);
    await browser.fetch(`${BFF_ORIGIN}/api/echo/x`, { headers: { 'x-csrf': '1' } });
    await browser.fetch(`${BFF_ORIGIN}/auth/session`); // no X-CSRF
    await world.bff.inject({ url: `/auth/callback?code=abc&state=${'A'.repeat(43)}` }); // BFF_LOGIN_EXPIRED
    for (let i = 0; i < 4; i++) await world.bff.inject({ url: '/auth/login', remoteAddress: '198.51.100.1' });
    await browser.fetch(`${BFF_ORIGIN}/auth/logout`, { method: 'POST', headers: { 'x-csrf': '1' } });
    breakIt(true);
    await browser.fetch(`${BFF_ORIGIN}/auth/session`, { headers: { 'x-csrf': '1', cookie: '' } });
    await world.bff.inject({
      url: '/auth/session',
      headers: { 'x-csrf': '1', cookie: `__Host-sgid-bff.session=${'B'.repeat(43)}` },
    });
    breakIt(false);

    const response = await world.bff.inject({ url: '/metrics' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/plain');
    const text = response.body;
    expect(sample(text, 'sgid_bff_logins_started_total')).toBe(4); // 1 + 3 allowed, the 4th refused
    expect(sample(text, 'sgid_bff_logins_succeeded_total')).toBe(1);
    expect(sample(text, 'sgid_bff_logins_total', '{provider="sgid",outcome="succeeded",code="none"}')).toBe(
      1,
    );
    // A callback without a live transaction is a rejected callback, not a failed login.
    expect(sample(text, 'sgid_bff_logins_failed_total', '{reason="BFF_LOGIN_EXPIRED"}')).toBeUndefined();
    expect(sample(text, 'sgid_bff_callbacks_rejected_total', '{reason="BFF_LOGIN_EXPIRED"}')).toBe(1);
    expect(sample(text, 'sgid_bff_sessions_created_total')).toBe(1);
    expect(sample(text, 'sgid_bff_sessions_ended_total', '{reason="logout"}')).toBe(1);
    expect(sample(text, 'sgid_bff_csrf_rejections_total', '{code="BFF_CSRF_HEADER_MISSING"}')).toBe(1);
    expect(sample(text, 'sgid_bff_rate_limited_total', '{bucket="/auth/login"}')).toBe(1);
    for (const endpoint of ['token', 'userinfo', 'jwks'])
      expect(
        sample(
          text,
          'sgid_bff_provider_call_duration_seconds_count',
          `{endpoint="${endpoint}",outcome="2xx"}`,
        ),
        endpoint,
      ).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'sgid_bff_store_errors_total', '{operation="readSession"}')).toBe(1);
    expect(sample(text, 'sgid_bff_proxy_requests_total', '{route="/api/echo",status="200"}')).toBe(1);
    expect(
      sample(text, 'sgid_bff_http_requests_total', '{route="/auth/session",method="GET",status="503"}'),
    ).toBe(1);
    expect(text).toContain('sgid_bff_process_resident_memory_bytes');
    // Nothing personal, ever.
    for (const value of [sub, EMULATOR_PERSONA.name, EMULATOR_PERSONA.nric])
      expect(text).not.toContain(value);
  });

  it('/metrics needs the bearer token when METRICS_TOKEN is set', async () => {
    world = await createTestWorld({ env: { METRICS_TOKEN } });
    const without = await world.bff.inject({ url: '/metrics' });
    expect(without.statusCode).toBe(401);
    expect(without.json()).toMatchObject({ code: 'BFF_OPERATOR_UNAUTHORIZED' });
    const wrong = await world.bff.inject({ url: '/metrics', headers: { authorization: 'Bearer nope' } });
    expect(wrong.statusCode).toBe(401);
    const right = await world.bff.inject({
      url: '/metrics',
      headers: { authorization: `Bearer ${METRICS_TOKEN}` },
    });
    expect(right.statusCode).toBe(200);
    expect(right.body).toContain('sgid_bff_logins_started_total');
  });
});

describe('health', () => {
  it('/healthz answers while the store is down; /readyz is 503 then recovers by itself', async () => {
    const { store, breakIt } = createBreakableStore();
    world = await createTestWorld({ store });
    expect((await world.bff.inject({ url: '/readyz' })).json()).toMatchObject({
      status: 'ready',
      checks: { store: 'ok', provider: 'ok' },
    });
    breakIt(true);
    await new Promise((resolve) => setTimeout(resolve, 1100)); // past the store check's cache
    expect((await world.bff.inject({ url: '/healthz' })).statusCode).toBe(200);
    const down = await world.bff.inject({ url: '/readyz' });
    expect(down.statusCode).toBe(503);
    expect(down.json()).toMatchObject({ status: 'not-ready', checks: { store: 'down' } });
    breakIt(false);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await world.bff.inject({ url: '/readyz' })).statusCode).toBe(200);
  });

  it('/readyz is 503 when sgID is unreachable, unless the probe skips the provider check', async () => {
    world = await createTestWorld();
    world.internet.unregister('http://127.0.0.1:5156');
    const response = await world.bff.inject({ url: '/readyz' });
    expect(response.statusCode).toBe(503);
    expect(response.json()).toMatchObject({ checks: { store: 'ok', provider: 'down' } });
    const storeOnly = await world.bff.inject({ url: '/readyz?provider=false' });
    expect(storeOnly.statusCode).toBe(200);
  });
});
