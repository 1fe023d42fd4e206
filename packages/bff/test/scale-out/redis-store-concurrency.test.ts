/**
 * The Redis store under concurrency from several instances (separate connections), against REDIS_URL:
 * atomic touches that never shorten or revive a session, TTLs that match the timeouts, a per-subject
 * index cleaned on delete, and a reconnect backoff that spreads instances out.
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisStore, reconnectDelay } from '../../src/store/redis-store';
import type { BffStore, StoredSession } from '../../src/store/store';
import { createTestPrefix, deleteKeysWithPrefix, TEST_REDIS_URL } from '../support/redis';

const prefix = createTestPrefix();
const MINUTE = 60_000;
let one: BffStore;
let two: BffStore;
let raw: Redis;

beforeAll(async () => {
  one = await createRedisStore({ url: TEST_REDIS_URL, keyPrefix: prefix });
  two = await createRedisStore({ url: TEST_REDIS_URL, keyPrefix: prefix });
  raw = new Redis(TEST_REDIS_URL);
});
afterAll(async () => {
  await one.close();
  await two.close();
  raw.disconnect();
  await deleteKeysWithPrefix(prefix);
});

const session = (idHash: string, now: number, sub = 'sub-1'): StoredSession => ({
  idHash,
  sub,
  payload: '{"sub":"sub-1"}',
  loginAt: now,
  idleExpiresAt: now + 30 * MINUTE,
  absoluteExpiresAt: now + 12 * 60 * MINUTE,
});

describe('Redis store across instances', () => {
  it('concurrent touches from two instances never move the idle expiry backwards', async () => {
    const now = Date.now();
    await one.createSession(session('touch', now));
    const wanted = Array.from({ length: 100 }, (_, i) => now + 30 * MINUTE + ((i * 7919) % 100) * 1000);
    await Promise.all(wanted.map((w, i) => (i % 2 === 0 ? one : two).touchSession('touch', w, now)));
    expect((await one.readSession('touch', now))?.idleExpiresAt).toBe(Math.max(...wanted));
  });

  it('a touch racing a delete on another instance never revives the session', async () => {
    const now = Date.now();
    for (let i = 0; i < 50; i++) {
      const id = `race-${i}`;
      await one.createSession(session(id, now));
      await Promise.all([two.deleteSession(id), one.touchSession(id, now + 40 * MINUTE, now)]);
      expect(await one.readSession(id, now)).toBeUndefined();
      expect(await raw.exists(`${prefix}s:${id}`)).toBe(0);
    }
  });

  it('keys carry TTLs matching the idle and absolute timeouts, and the per-subject index is cleaned', async () => {
    const now = Date.now();
    await one.createSession(session('ttl-1', now, 'sub-ttl'));
    await two.createSession(session('ttl-2', now, 'sub-ttl'));
    const sessionTtl = await raw.pttl(`${prefix}s:ttl-1`);
    expect(sessionTtl).toBeGreaterThan(30 * MINUTE - 5000);
    expect(sessionTtl).toBeLessThanOrEqual(30 * MINUTE);
    expect(await raw.pttl(`${prefix}u:sub-ttl`)).toBeGreaterThan(12 * 60 * MINUTE - 5000);
    await two.touchSession('ttl-1', now + 45 * MINUTE, now);
    expect(await raw.pttl(`${prefix}s:ttl-1`)).toBeGreaterThan(44 * MINUTE);
    await one.deleteSession('ttl-1');
    expect(await raw.smembers(`${prefix}u:sub-ttl`)).toEqual(['ttl-2']);
    expect(await two.deleteSessionsBySub('sub-ttl')).toBe(1);
    expect(await raw.exists(`${prefix}u:sub-ttl`, `${prefix}s:ttl-2`)).toBe(0);
  });

  it('a session that expired in Redis is dropped from its subject index on the next listing', async () => {
    const now = Date.now();
    await one.createSession(session('gone', now, 'sub-exp'));
    await one.createSession(session('kept', now, 'sub-exp'));
    await raw.del(`${prefix}s:gone`); // as a TTL expiry would
    expect((await two.listSessionsBySub('sub-exp', now)).map((s) => s.idHash)).toEqual(['kept']);
    expect(await raw.smembers(`${prefix}u:sub-exp`)).toEqual(['kept']);
  });

  it('rate-limit counters are shared: hits from two instances count in one window', async () => {
    const now = Date.now();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        (i % 2 === 0 ? one : two).incrementCounter('login:192.0.2.1', MINUTE, now),
      ),
    );
    expect(results.map((r) => r.count).sort((x, y) => x - y)).toEqual(
      Array.from({ length: 20 }, (_, i) => i + 1),
    );
    expect(new Set(results.map((r) => r.resetAt)).size).toBe(1);
  });

  it('reconnect delays grow exponentially to 2 s with full jitter, so instances do not reconnect in lock-step', () => {
    expect(reconnectDelay(1, () => 1)).toBe(200);
    expect(reconnectDelay(3, () => 1)).toBe(800);
    expect(reconnectDelay(30, () => 1)).toBe(2000);
    expect(reconnectDelay(30, () => 0)).toBe(50);
    const spread = new Set(Array.from({ length: 50 }, () => reconnectDelay(10)));
    expect(spread.size).toBeGreaterThan(20);
  });
});
