/**
 * `sgid_bff_sessions_ended_total{reason="store_eviction"}` counts a session Redis itself dropped under
 * `maxmemory` — as Redis reported it (`notify-keyspace-events Ee`), not as guessed from a missing key —
 * once, when its cookie comes back. A session that vanished by its TTL (an `expired`, not an `evicted`,
 * key event) is not an eviction. On one server, a Sentinel group (the watch follows the master) and a
 * Cluster (each node reports its own keys), all private to this file (never the shared Redis, whose memory settings these tests change).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createRedisStore } from '../../src/store/redis-store';
import type { BffStore } from '../../src/store/store';
import { type PrivateRedis, startPrivateRedis } from '../scale-out/processes';
import {
  type ClusterTopology,
  commandOn,
  startCluster,
  startSentinelGroup,
  waitUntil,
} from '../store/redis-topologies';
import { createTestPrefix } from '../support/redis';
import { BFF_ORIGIN, createTestWorld, loginWith, readSession, type TestWorld } from '../support/test-bff';

/** A Redis of this file's own: its data nodes' ports, and a store on it. */
interface EvictingRedis {
  ports: number[];
  openStore: (keyPrefix: string) => Promise<BffStore>;
  stop: () => Promise<void>;
}

async function singleServer(): Promise<EvictingRedis> {
  const redis: PrivateRedis = await startPrivateRedis();
  return {
    ports: [redis.port],
    openStore: (keyPrefix) => createRedisStore({ url: redis.url, keyPrefix }),
    stop: redis.stop,
  };
}

async function sentinel(): Promise<EvictingRedis> {
  const group = await startSentinelGroup();
  return {
    // The master evicts; its replica follows by the deletions it is sent.
    ports: [group.master.port],
    openStore: (keyPrefix) =>
      createRedisStore({
        topology: {
          kind: 'sentinel',
          sentinels: group.sentinels.map((s) => ({ host: '127.0.0.1', port: s.port })),
          name: group.name,
        },
        keyPrefix,
        waitReplicas: 1,
      }),
    stop: group.stop,
  };
}

async function cluster(): Promise<EvictingRedis> {
  const topology: ClusterTopology = await startCluster();
  return {
    ports: topology.masters.map((m) => m.port),
    openStore: (keyPrefix) =>
      createRedisStore({
        topology: {
          kind: 'cluster',
          nodes: topology.masters.map((m) => ({ host: '127.0.0.1', port: m.port })),
        },
        keyPrefix,
      }),
    stop: topology.stop,
  };
}

async function onEveryNode(ports: number[], ...command: string[]): Promise<void> {
  for (const port of ports) await commandOn(port, ...command);
}

/** The node holding `key` answers it with a TTL of 1 ms, so Redis drops it as expired. */
async function expireNow(ports: number[], key: string): Promise<void> {
  for (const port of ports)
    if ((await commandOn(port, 'EXISTS', key)) === '1') await commandOn(port, 'PEXPIRE', key, '1');
}

/** Make every node evict all it holds, as a Redis over `maxmemory` does, then lift the limit again. */
async function evictEverything(ports: number[]): Promise<void> {
  await onEveryNode(ports, 'CONFIG', 'SET', 'maxmemory', '1');
  // Any command makes a node over its limit evict (before it answers).
  await onEveryNode(ports, 'PING');
  await onEveryNode(ports, 'CONFIG', 'SET', 'maxmemory', '0');
}

async function sessionKeys(ports: number[], keyPrefix: string): Promise<string[]> {
  const keys: string[] = [];
  for (const port of ports) {
    const found = await commandOn(port, '--scan', '--pattern', `${keyPrefix}s:*`);
    keys.push(...found.split('\n').filter(Boolean));
  }
  return keys;
}

const TOPOLOGIES = [
  { topology: 'one Redis server', start: singleServer },
  { topology: 'a Sentinel group', start: sentinel },
  { topology: 'a Redis Cluster', start: cluster },
];

for (const { topology, start } of TOPOLOGIES)
  describe(`session ends by store eviction, on ${topology}`, () => {
    let redis: EvictingRedis;
    let store: BffStore;
    let world: TestWorld;
    beforeAll(async () => {
      redis = await start();
      await onEveryNode(redis.ports, 'CONFIG', 'SET', 'notify-keyspace-events', 'Ee');
      await onEveryNode(redis.ports, 'CONFIG', 'SET', 'maxmemory-policy', 'allkeys-random');
    }, 60_000);
    afterEach(async () => {
      await world?.close();
      await store?.close();
    });
    afterAll(() => redis?.stop());

    async function metric(labels: string): Promise<number | undefined> {
      const text = (await world.bff.inject({ url: '/metrics' })).body;
      const line = text.split('\n').find((l) => l.startsWith(`sgid_bff_sessions_ended_total${labels} `));
      return line === undefined ? undefined : Number(line.split(' ')[1]);
    }

    it('a session Redis evicted is counted once as store_eviction when its cookie comes back; one dropped by its TTL is not', async () => {
      const keyPrefix = createTestPrefix();
      store = await redis.openStore(keyPrefix);
      world = await createTestWorld({ store });

      // Dropped by its TTL: an `expired` key event.
      const timedOut = world.browser();
      await loginWith(timedOut);
      const [timedOutKey] = await sessionKeys(redis.ports, keyPrefix);
      await expireNow(redis.ports, String(timedOutKey));
      await waitUntil(
        'the TTL drops it',
        async () => (await sessionKeys(redis.ports, keyPrefix)).length === 0,
      );

      // Evicted: an `evicted` key event for its session key.
      const evicted = world.browser();
      await loginWith(evicted);
      const cookie = evicted.jar.headerFor({ url: new URL(`${BFF_ORIGIN}/auth/session`) }) ?? '';
      expect(cookie).toContain('sgid-bff.session=');
      await evictEverything(redis.ports);
      expect(await sessionKeys(redis.ports, keyPrefix)).toEqual([]);
      // The notification travels on the watch's own connection: give it a moment.
      await new Promise((resolve) => setTimeout(resolve, 200));

      expect((await readSession(timedOut)).authenticated).toBe(false);
      expect(await metric('{reason="store_eviction"}')).toBe(undefined);
      expect((await readSession(evicted)).authenticated).toBe(false);
      expect(await metric('{reason="store_eviction"}')).toBe(1);
      // Another tab sending the same cookie again is not a second eviction.
      const again = await world.bff.inject({
        url: '/auth/session',
        headers: { 'x-csrf': '1', cookie },
      });
      expect(again.json()).toMatchObject({ authenticated: false });
      expect(await metric('{reason="store_eviction"}')).toBe(1);
      // Neither is an expiry (Redis's TTL removed it: no row left to judge).
      expect(await metric('{reason="idle_expiry"}')).toBe(undefined);

      // The store keeps working after the eviction.
      const next = world.browser();
      await loginWith(next);
      expect((await readSession(next)).authenticated).toBe(true);
    });
  });

describe('session ends by store eviction, unwatchable', () => {
  it('a Redis user not allowed to PSUBSCRIBE opens the store at once, without the eviction count', async () => {
    const redis = await startPrivateRedis();
    let store: BffStore | undefined;
    try {
      await commandOn(
        redis.port,
        'ACL',
        'SETUSER',
        'app',
        'on',
        '>app-password',
        '~*',
        '+@all',
        '-psubscribe',
      );
      const started = performance.now();
      store = await createRedisStore({
        url: `redis://app:app-password@127.0.0.1:${redis.port}`,
        keyPrefix: createTestPrefix(),
        commandTimeoutMs: 2000,
      });
      expect(performance.now() - started).toBeLessThan(1000);
      expect(await store.takeEviction?.('a'.repeat(64))).toBe(false);
      // And it serves.
      expect(await store.incrementCounter('k', 60_000, 1)).toEqual({ count: 1, resetAt: 60_001 });
    } finally {
      await store?.close();
      await redis.stop();
    }
  });
});
