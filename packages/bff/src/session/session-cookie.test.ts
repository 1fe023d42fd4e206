import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createToken, hashToken } from '../crypto/tokens';
import type { AuthEvents } from '../observability/auth-events';
import { createMemoryStore } from '../store/memory-store';
import type { BffStore } from '../store/store';
import {
  clearSessionCookie,
  loadSession,
  readSessionCookie,
  type SessionCookieContext,
  sessionSetCookie,
} from './session-cookie';

const COOKIE = '__Host-test.session';
const IDLE_MS = 30 * 60_000; // touch step: one minute
const ABSOLUTE_MS = 12 * 60 * 60_000;
const T0 = Date.UTC(2026, 0, 1);

/** A context with a memory store, a settable clock and the events it reported. */
function createWorld() {
  let now = T0;
  const ended: string[] = [];
  const writes: string[] = [];
  const inner = createMemoryStore();
  const store: BffStore = {
    ...inner,
    touchSession: (...args) => {
      writes.push('touchSession');
      return inner.touchSession(...args);
    },
  };
  const events = { endedSessionCookie: () => ended.push('ended') } as unknown as AuthEvents;
  const ctx: SessionCookieContext = {
    config: {
      session: {
        cookieName: COOKIE,
        sameSite: 'lax',
        idleTimeoutMs: IDLE_MS,
        absoluteTimeoutMs: ABSOLUTE_MS,
      },
    },
    store,
    clock: () => now,
    events,
  };
  const createSession = async () => {
    const id = createToken(randomBytes);
    await inner.createSession({
      idHash: hashToken(id),
      sub: 'sub-1',
      payload: '{"sub":"sub-1"}',
      loginAt: now,
      idleExpiresAt: now + IDLE_MS,
      absoluteExpiresAt: now + ABSOLUTE_MS,
    });
    return id;
  };
  return {
    ctx,
    inner,
    ended,
    writes,
    createSession,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

const withCookie = (value: string) => ({ headers: { cookie: `other=1; ${COOKIE}=${value}` } });

describe('readSessionCookie', () => {
  it('tells an absent cookie, a cookie that is not an id we issue, and an id by its store key', () => {
    const settings = { cookieName: COOKIE };
    const id = createToken(randomBytes);
    expect(readSessionCookie(settings, { headers: {} })).toEqual({ status: 'absent' });
    expect(readSessionCookie(settings, { headers: { cookie: 'other=1' } })).toEqual({ status: 'absent' });
    for (const bad of ['', 'abc', `${id}x`, `${id.slice(0, 42)}!`])
      expect(readSessionCookie(settings, withCookie(bad)), bad).toEqual({ status: 'malformed' });
    expect(readSessionCookie(settings, withCookie(id))).toEqual({ status: 'present', idHash: hashToken(id) });
  });
});

describe('loadSession', () => {
  it('no cookie is anonymous, and nothing is cleared or looked up', async () => {
    const world = createWorld();
    const found = await loadSession(world.ctx, { headers: {} }, { extendIdle: true });
    expect(found).toEqual({ status: 'anonymous', reason: 'no session cookie' });
    expect(world.ended).toEqual([]);
  });

  it('a malformed cookie is refused and cleared without a store read', async () => {
    const world = createWorld();
    let reads = 0;
    const ctx = { ...world.ctx, store: { ...world.ctx.store, readSession: async () => void reads++ } };
    const found = await loadSession(ctx, withCookie('not-an-id'), { extendIdle: true });
    expect(found).toEqual({ status: 'malformed', setCookie: clearSessionCookie({ cookieName: COOKIE }) });
    expect(reads).toBe(0);
    expect(world.ended).toEqual([]);
  });

  it('an unknown id is anonymous, its cookie cleared and counted as an ended-session cookie', async () => {
    const world = createWorld();
    const found = await loadSession(world.ctx, withCookie(createToken(randomBytes)), { extendIdle: true });
    expect(found).toEqual({
      status: 'anonymous',
      reason: 'session ended or unknown',
      setCookie: `${COOKIE}=; Path=/; Secure; HttpOnly; SameSite=Lax; Max-Age=0`,
    });
    expect(world.ended).toEqual(['ended']);
    expect(world.writes).toEqual([]);
  });

  it('an idle-expired session is anonymous and cleared', async () => {
    const world = createWorld();
    const id = await world.createSession();
    world.advance(IDLE_MS + 1);
    const found = await loadSession(world.ctx, withCookie(id), { extendIdle: true });
    expect(found).toMatchObject({ status: 'anonymous', reason: 'session ended or unknown' });
    expect(world.ended).toEqual(['ended']);
  });

  it('a live session is answered with the time of the request', async () => {
    const world = createWorld();
    const id = await world.createSession();
    const found = await loadSession(world.ctx, withCookie(id), { extendIdle: false });
    expect(found).toMatchObject({
      status: 'live',
      now: T0,
      session: { idHash: hashToken(id), sub: 'sub-1' },
    });
  });

  it('extendIdle false does not touch the idle timer, however much it would move', async () => {
    const world = createWorld();
    const id = await world.createSession();
    world.advance(IDLE_MS - 1);
    const found = await loadSession(world.ctx, withCookie(id), { extendIdle: false });
    expect(found).toMatchObject({ status: 'live', session: { idleExpiresAt: T0 + IDLE_MS } });
    expect(world.writes).toEqual([]);
    expect((await world.inner.readSession(hashToken(id), T0 + IDLE_MS - 1))?.idleExpiresAt).toBe(
      T0 + IDLE_MS,
    );
  });

  it('extendIdle writes only when the timer would move by a step, and answers the moved expiry', async () => {
    const world = createWorld();
    const id = await world.createSession();
    world.advance(59_999); // less than the step (a tenth of the idle timeout, at most a minute)
    expect(await loadSession(world.ctx, withCookie(id), { extendIdle: true })).toMatchObject({
      status: 'live',
      session: { idleExpiresAt: T0 + IDLE_MS },
    });
    expect(world.writes).toEqual([]);
    world.advance(1);
    expect(await loadSession(world.ctx, withCookie(id), { extendIdle: true })).toMatchObject({
      status: 'live',
      session: { idleExpiresAt: T0 + 60_000 + IDLE_MS },
    });
    expect(world.writes).toEqual(['touchSession']);
    expect((await world.inner.readSession(hashToken(id), T0 + 60_000))?.idleExpiresAt).toBe(
      T0 + 60_000 + IDLE_MS,
    );
  });

  it('the idle timer never moves past the absolute expiry', async () => {
    const world = createWorld();
    const id = await world.createSession();
    // Keep the session active until close to its absolute end.
    for (let t = 0; t < ABSOLUTE_MS - IDLE_MS / 2; t += 10 * 60_000) {
      world.advance(10 * 60_000);
      await loadSession(world.ctx, withCookie(id), { extendIdle: true });
    }
    const found = await loadSession(world.ctx, withCookie(id), { extendIdle: true });
    expect(found).toMatchObject({ status: 'live', session: { idleExpiresAt: T0 + ABSOLUTE_MS } });
  });

  it('a session ended between the read and the idle write is anonymous, not revived', async () => {
    const world = createWorld();
    const id = await world.createSession();
    const ctx = {
      ...world.ctx,
      store: {
        ...world.ctx.store,
        touchSession: async (idHash: string, idleExpiresAt: number, now: number) => {
          await world.inner.deleteSession(idHash); // a logout on another instance, meanwhile
          return world.inner.touchSession(idHash, idleExpiresAt, now);
        },
      },
    };
    world.advance(5 * 60_000);
    const found = await loadSession(ctx, withCookie(id), { extendIdle: true });
    expect(found).toEqual({ status: 'anonymous', reason: 'session ended during the request' });
    expect(await world.inner.readSession(hashToken(id), T0 + 5 * 60_000)).toBeUndefined();
  });
});

describe('session Set-Cookie', () => {
  it('hands the id over as a host-only, HttpOnly browser-session cookie with the configured SameSite', () => {
    expect(sessionSetCookie({ cookieName: COOKIE, sameSite: 'strict' }, 'ID')).toBe(
      `${COOKIE}=ID; Path=/; Secure; HttpOnly; SameSite=Strict`,
    );
    expect(clearSessionCookie({ cookieName: COOKIE })).toBe(
      `${COOKIE}=; Path=/; Secure; HttpOnly; SameSite=Lax; Max-Age=0`,
    );
  });
});
