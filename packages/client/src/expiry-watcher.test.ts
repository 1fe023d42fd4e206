import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createBffClient } from './create-bff-client';
import { planExpiry } from './expiry-watcher';
import type { SessionChangeEvent } from './session-events';
import { createFakeFetch, json, makeSession } from './test-helpers';

const T0 = Date.parse('2025-01-01T00:00:00Z');
const MINUTE = 60_000;

beforeEach(() => {
  vi.useFakeTimers({ now: T0 });
});
afterEach(() => {
  vi.useRealTimers();
});

/** A client whose BFF answers `answer()` to every session read; default warning lead (2 min). */
function setUp(answer: () => Response) {
  const { fetch, calls } = createFakeFetch(answer);
  const client = createBffClient({ fetch, openChannel: () => null });
  const events: SessionChangeEvent[] = [];
  client.onSessionChange((event) => events.push(event));
  return { client, calls, events };
}

describe('planExpiry', () => {
  it('picks the earlier deadline and corrects for clock skew', () => {
    const session = { idleExpiresAt: '2025-01-01T00:30:00Z', expiresAt: '2025-01-01T08:00:00Z' };
    expect(planExpiry(session, 0, 2 * MINUTE)).toEqual({
      kind: 'idle',
      expiresAt: '2025-01-01T00:30:00Z',
      endsAt: T0 + 30 * MINUTE,
      warnAt: T0 + 28 * MINUTE,
    });
    const late = { idleExpiresAt: '2025-01-01T00:30:00Z', expiresAt: '2025-01-01T00:20:00Z' };
    expect(planExpiry(late, 5 * MINUTE, MINUTE)).toMatchObject({
      kind: 'absolute',
      endsAt: T0 + 15 * MINUTE,
    });
  });
});

describe('idle-expiry warning', () => {
  it('checks without extending the session, warns 2 minutes before, then reports the end', async () => {
    let answer: unknown = makeSession();
    const { client, calls, events } = setUp(() => json(200, answer));
    await client.getSession();
    await vi.advanceTimersByTimeAsync(28 * MINUTE - 1);
    expect(events.filter((e) => e.type === 'expiry-warning')).toEqual([]);
    expect(calls).toHaveLength(1);

    await vi.advanceTimersByTimeAsync(1);
    expect(calls[1]?.url).toBe('/auth/session?extendIdle=false');
    expect(events.at(-1)).toEqual({
      type: 'expiry-warning',
      kind: 'idle',
      expiresAt: '2025-01-01T00:30:00.000Z',
      remainingMs: 2 * MINUTE,
    });

    answer = { authenticated: false };
    await vi.advanceTimersByTimeAsync(2 * MINUTE + 1000);
    expect(calls.at(-1)?.url).toBe('/auth/session?extendIdle=false');
    expect(events.at(-1)).toEqual({ type: 'ended', reason: 'expired', code: null, source: 'this-tab' });
    await vi.advanceTimersByTimeAsync(60 * MINUTE);
    expect(calls).toHaveLength(3);
    client.close();
  });

  it('does not warn when the session was kept alive elsewhere (e.g. an /api call)', async () => {
    let answer: unknown = makeSession();
    const { client, events } = setUp(() => json(200, answer));
    await client.getSession();
    answer = makeSession({ idleExpiresAt: '2025-01-01T00:50:00.000Z' });
    await vi.advanceTimersByTimeAsync(29 * MINUTE);
    expect(events.some((e) => e.type === 'expiry-warning')).toBe(false);
    await vi.advanceTimersByTimeAsync(19 * MINUTE);
    expect(events.at(-1)).toMatchObject({ type: 'expiry-warning', expiresAt: '2025-01-01T00:50:00.000Z' });
    client.close();
  });

  it('"stay signed in" extends the session and moves the next warning', async () => {
    let answer: unknown = makeSession();
    const { client, calls, events } = setUp(() => json(200, answer));
    await client.getSession();
    await vi.advanceTimersByTimeAsync(28 * MINUTE);
    expect(events.at(-1)?.type).toBe('expiry-warning');

    answer = makeSession({ idleExpiresAt: '2025-01-01T00:59:00.000Z' });
    await client.getSession({ extendIdle: true });
    expect(calls.at(-1)?.url).toBe('/auth/session');
    await vi.advanceTimersByTimeAsync(10 * MINUTE);
    expect(events.filter((e) => e.type === 'ended')).toEqual([]);
    expect(events.filter((e) => e.type === 'expiry-warning')).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(19 * MINUTE);
    expect(events.filter((e) => e.type === 'expiry-warning')).toHaveLength(2);
    client.close();
  });

  it('warns of the absolute limit, which staying active cannot extend', async () => {
    const { client, events } = setUp(() =>
      json(
        200,
        makeSession({ expiresAt: '2025-01-01T00:10:00.000Z', idleExpiresAt: '2025-01-01T00:30:00.000Z' }),
      ),
    );
    await client.getSession();
    await vi.advanceTimersByTimeAsync(8 * MINUTE);
    expect(events.at(-1)).toMatchObject({ type: 'expiry-warning', kind: 'absolute' });
    client.close();
  });

  it('uses the server clock from the Date header when the device clock is wrong', async () => {
    const serverAhead = () => new Date(Date.now() + 10 * MINUTE).toUTCString();
    const { client, events } = setUp(() => json(200, makeSession(), { date: serverAhead() }));
    await client.getSession();
    await vi.advanceTimersByTimeAsync(18 * MINUTE);
    expect(events.at(-1)).toMatchObject({ type: 'expiry-warning', remainingMs: 2 * MINUTE });
    client.close();
  });

  it('still warns on time when the check fails (offline)', async () => {
    let online = true;
    const { fetch } = createFakeFetch(() =>
      online ? json(200, makeSession()) : Promise.reject(new TypeError('offline')),
    );
    const client = createBffClient({ fetch, openChannel: () => null });
    const events: SessionChangeEvent[] = [];
    client.onSessionChange((event) => events.push(event));
    await client.getSession();
    online = false;
    await vi.advanceTimersByTimeAsync(28 * MINUTE);
    expect(events.map((e) => e.type)).toEqual(['session', 'error', 'expiry-warning']);
    client.close();
  });

  it('never polls in a busy loop when the BFF still says authenticated after the deadline', async () => {
    const { client, calls } = setUp(() => json(200, makeSession()));
    await client.getSession();
    await vi.advanceTimersByTimeAsync(40 * MINUTE);
    // one read, one before the warning, then at most one every 5 s after the deadline
    expect(calls.length).toBeLessThanOrEqual(2 + (10 * MINUTE) / 5000 + 1);
    client.close();
  });
});
