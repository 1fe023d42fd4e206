/**
 * "Your sessions" and the admin revoke: a user sees their sessions on every device and ends any of them;
 * an operator ends every session of a subject. Each change is effective on the very next request.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { hashToken } from '../../src/crypto/tokens';
import type { SimulatedBrowser } from '../support/simulated-internet';
import { BFF_ORIGIN, createTestWorld, readSession, type TestWorld } from '../support/test-bff';

const SESSION = '__Host-sgid-bff.session';
const ADMIN_TOKEN = 'admin-token-0123456789-abcdefghijklmnop';
const ANDROID_CHROME =
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36';
const IPHONE_SAFARI =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';

interface SessionView {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  device: string;
  current: boolean;
}

let world: TestWorld;
afterEach(() => world.close());

async function loginOn(userAgent: string): Promise<SimulatedBrowser> {
  const browser = world.browser();
  await browser.navigate(`${BFF_ORIGIN}/auth/login?returnTo=/`, {
    from: `${BFF_ORIGIN}/`,
    headers: { 'user-agent': userAgent },
  });
  expect((await readSession(browser)).authenticated).toBe(true);
  return browser;
}

async function listSessions(browser: SimulatedBrowser): Promise<SessionView[]> {
  const response = await browser.fetch(`${BFF_ORIGIN}/auth/sessions`, { headers: { 'x-csrf': '1' } });
  expect(response.status).toBe(200);
  return (await response.json()) as SessionView[];
}

const revoke = (browser: SimulatedBrowser, id: string) =>
  browser.fetch(`${BFF_ORIGIN}/auth/sessions/${encodeURIComponent(id)}`, {
    method: 'DELETE',
    headers: { 'x-csrf': '1' },
  });

describe('session management API', () => {
  it('lists this user’s sessions on every device: public id, times, coarse device, the current one first', async () => {
    world = await createTestWorld();
    const phone = await loginOn(ANDROID_CHROME);
    world.clock.advance(60_000);
    const iphone = await loginOn(IPHONE_SAFARI);
    const list = await listSessions(iphone);
    expect(list).toHaveLength(2);
    expect(list[0]).toMatchObject({ device: 'Safari on iPhone', current: true });
    expect(list[1]).toMatchObject({ device: 'Chrome on Android', current: false });
    expect(Date.parse(list[1]?.createdAt ?? '')).toBe(world.clock.now() - 60_000);
    expect(list[0]?.lastSeenAt).toBe(new Date(world.clock.now()).toISOString());
    // The id names the session without being (or hashing to) anything that opens it.
    const cookie = phone.jar.get(SESSION)?.value ?? '';
    for (const view of list) {
      expect(view.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(view.id).not.toBe(cookie);
      expect(cookie).not.toContain(view.id);
      expect(hashToken(cookie)).not.toContain(view.id);
    }
    expect(Object.keys(list[0] ?? {}).sort()).toEqual(['createdAt', 'current', 'device', 'id', 'lastSeenAt']);
    // Listing is not activity, and the device never leaks into the session view.
    expect(Object.keys(await readSession(phone, '?extendIdle=false'))).not.toContain('device');
  });

  it('ending one session by id logs that device out at once and leaves the others', async () => {
    world = await createTestWorld();
    const phone = await loginOn(ANDROID_CHROME);
    const laptop = await loginOn(IPHONE_SAFARI);
    const phoneId = (await listSessions(laptop)).find((s) => !s.current)?.id ?? '';
    const response = await revoke(laptop, phoneId);
    expect(response.status).toBe(204);
    expect(await readSession(phone)).toEqual({ authenticated: false });
    expect((await readSession(laptop)).authenticated).toBe(true);
    expect(await listSessions(laptop)).toHaveLength(1);
    // Again: already gone, same answer.
    expect((await revoke(laptop, phoneId)).status).toBe(204);
  });

  it('ending the current session by id clears its cookie', async () => {
    world = await createTestWorld();
    const phone = await loginOn(ANDROID_CHROME);
    const [own] = await listSessions(phone);
    const response = await revoke(phone, own?.id ?? '');
    expect(response.status).toBe(204);
    expect(response.headers.getSetCookie().join()).toContain(`${SESSION}=;`);
    expect(await readSession(phone)).toEqual({ authenticated: false });
  });

  it('another user’s session cannot be ended by its id', async () => {
    world = await createTestWorld();
    const phone = await loginOn(ANDROID_CHROME);
    const now = world.clock.now();
    await world.store.createSession({
      idHash: hashToken('someone-else'),
      sub: 'another-subject',
      payload: '{"sub":"another-subject","data":{},"scopes":["openid"],"loginAt":"x"}',
      loginAt: now,
      idleExpiresAt: now + 60_000,
      absoluteExpiresAt: now + 120_000,
    });
    const { toSessionHandle } = await import('../../src/session/session-handle');
    expect((await revoke(phone, toSessionHandle(hashToken('someone-else')))).status).toBe(204);
    expect(await world.store.readSession(hashToken('someone-else'), now)).toBeDefined();
    expect((await revoke(phone, 'not a handle')).status).toBe(400);
  });

  it('revoke-others ends every other session of the user and keeps this one', async () => {
    world = await createTestWorld();
    const phone = await loginOn(ANDROID_CHROME);
    const tablet = await loginOn(ANDROID_CHROME);
    const laptop = await loginOn(IPHONE_SAFARI);
    const response = await laptop.fetch(`${BFF_ORIGIN}/auth/sessions/revoke-others`, {
      method: 'POST',
      headers: { 'x-csrf': '1' },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ revoked: 2 });
    expect(await readSession(phone)).toEqual({ authenticated: false });
    expect(await readSession(tablet)).toEqual({ authenticated: false });
    expect((await readSession(laptop)).authenticated).toBe(true);
  });

  it('the session endpoints need the CSRF header and a live session, answering JSON codes', async () => {
    world = await createTestWorld();
    const phone = await loginOn(ANDROID_CHROME);
    const noCsrf = await phone.fetch(`${BFF_ORIGIN}/auth/sessions`);
    expect(noCsrf.status).toBe(403);
    expect(await noCsrf.json()).toMatchObject({ code: 'BFF_CSRF_HEADER_MISSING' });
    const crossSite = await phone.fetch(`${BFF_ORIGIN}/auth/sessions/revoke-others`, {
      method: 'POST',
      headers: { 'x-csrf': '1' },
      from: 'https://evil.example/',
    });
    expect(crossSite.status).toBe(403);
    const anonymous = world.browser();
    for (const [method, path] of [
      ['GET', '/auth/sessions'],
      ['POST', '/auth/sessions/revoke-others'],
      ['DELETE', '/auth/sessions/AAAAAAAAAAAAAAAAAAAAAA'],
    ] as const) {
      const response = await anonymous.fetch(`${BFF_ORIGIN}${path}`, { method, headers: { 'x-csrf': '1' } });
      expect(response.status, path).toBe(401);
      expect(await response.json()).toMatchObject({ code: 'BFF_UNAUTHENTICATED' });
    }
  });
});

describe('admin revoke', () => {
  const adminRevoke = (token: string | undefined, body: unknown) =>
    world.bff.inject({
      method: 'POST',
      url: '/admin/sessions/revoke',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      payload: JSON.stringify(body),
    });

  it('is not there (404) unless ADMIN_TOKEN is configured', async () => {
    world = await createTestWorld();
    const response = await adminRevoke(ADMIN_TOKEN, { sub: 'x' });
    expect(response.statusCode).toBe(404);
  });

  it('refuses a missing or wrong token with 401 BFF_OPERATOR_UNAUTHORIZED', async () => {
    world = await createTestWorld({ env: { ADMIN_TOKEN } });
    for (const token of [undefined, 'wrong', `${ADMIN_TOKEN}x`, ADMIN_TOKEN.slice(0, -1)]) {
      const response = await adminRevoke(token, { sub: 'x' });
      expect(response.statusCode).toBe(401);
      expect(response.json()).toMatchObject({ code: 'BFF_OPERATOR_UNAUTHORIZED' });
      expect(response.headers['www-authenticate']).toContain('Bearer');
    }
  });

  it('ends every session of a subject at once', async () => {
    world = await createTestWorld({ env: { ADMIN_TOKEN } });
    const phone = await loginOn(ANDROID_CHROME);
    const laptop = await loginOn(IPHONE_SAFARI);
    const sub = (await readSession(phone)).sub;
    const response = await adminRevoke(ADMIN_TOKEN, { sub });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ revoked: 2 });
    expect(await readSession(phone)).toEqual({ authenticated: false });
    expect(await readSession(laptop)).toEqual({ authenticated: false });
    expect((await adminRevoke(ADMIN_TOKEN, { nope: 1 })).statusCode).toBe(400);
  });

  it('ADMIN_TOKEN shorter than 32 characters is refused at start-up', async () => {
    const { loadConfig } = await import('../../src/config');
    const { createTestEnv } = await import('../support/test-bff');
    expect(() => loadConfig(createTestEnv({ ADMIN_TOKEN: 'short' }))).toThrow(
      /ADMIN_TOKEN: must be at least 32/,
    );
  });
});
