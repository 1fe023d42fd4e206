import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../src/store/memory-store';
import { createPostgresStore } from '../../src/store/postgres-store';
import type { HostPort } from '../../src/store/redis-connection';
import { createRedisStore } from '../../src/store/redis-store';
import { createSqliteStore } from '../../src/store/sqlite-store';
import { createTestSchema, dropSchemas, TEST_DATABASE_URL } from '../support/postgres';
import { createTestPrefix, deleteKeysWithPrefix, TEST_REDIS_URL } from '../support/redis';
import {
  type ClusterTopology,
  type SentinelGroup,
  startCluster,
  startSentinelGroup,
} from './redis-topologies';
import { describeStoreContract } from './store-contract';

const dirs: string[] = [];
const prefixes: string[] = [];
const schemas: string[] = [];
afterAll(async () => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  for (const prefix of prefixes) await deleteKeysWithPrefix(prefix);
  await dropSchemas(schemas);
});

describeStoreContract('memory', async () => createMemoryStore());
describeStoreContract('sqlite', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'sgid-bff-store-'));
  dirs.push(dir);
  return createSqliteStore({ dataDir: dir });
});
// Redis must answer: these tests fail (not skip) when REDIS_URL is unreachable.
describeStoreContract('redis', async () => {
  const keyPrefix = createTestPrefix();
  prefixes.push(keyPrefix);
  return createRedisStore({ url: TEST_REDIS_URL, keyPrefix });
});
// PostgreSQL must answer too (DATABASE_URL); each store gets a fresh schema, migrated as it opens.
describeStoreContract('postgres', async () => {
  const schema = createTestSchema();
  schemas.push(schema);
  return createPostgresStore({ url: TEST_DATABASE_URL, schema });
});

// The same suite, unchanged, on a Sentinel group and a Cluster of this file's own (torn down after).
let sentinel: SentinelGroup | undefined;
let cluster: ClusterTopology | undefined;
beforeAll(async () => {
  [sentinel, cluster] = await Promise.all([startSentinelGroup(), startCluster()]);
}, 60_000);
afterAll(async () => {
  await Promise.all([sentinel?.stop(), cluster?.stop()]);
});
const hostPorts = (list: string): HostPort[] =>
  list.split(',').map((a) => ({ host: '127.0.0.1', port: Number(a.split(':')[1]) }));

describeStoreContract('redis sentinel', async () => {
  const group = sentinel as SentinelGroup;
  return createRedisStore({
    topology: { kind: 'sentinel', sentinels: hostPorts(group.sentinelList), name: group.name },
    keyPrefix: createTestPrefix(),
    // The group's master refuses writes without its replica (min-replicas-to-write), as in production.
    waitReplicas: 1,
  });
});
describeStoreContract('redis cluster', async () =>
  createRedisStore({
    topology: { kind: 'cluster', nodes: hostPorts((cluster as ClusterTopology).nodeList) },
    keyPrefix: createTestPrefix(),
  }),
);

describe('sqlite store', () => {
  it('sessions survive a restart', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sgid-bff-store-'));
    dirs.push(dir);
    const first = createSqliteStore({ dataDir: dir });
    await first.createSession({
      idHash: 'k',
      sub: 's',
      payload: '{}',
      loginAt: 1,
      idleExpiresAt: 10,
      absoluteExpiresAt: 20,
    });
    await first.close();
    const second = createSqliteStore({ dataDir: dir });
    expect(await second.readSession('k', 5)).toMatchObject({ sub: 's' });
    await second.close();
  });
});

describe('redis store', () => {
  it('fails to open when Redis does not answer', async () => {
    await expect(
      createRedisStore({ url: 'redis://127.0.0.1:1', keyPrefix: 'x:', commandTimeoutMs: 300 }),
    ).rejects.toThrow();
  });

  it('a Redis that refuses the connection is named, without its password, with the cause in plain words', async () => {
    const opening = createRedisStore({ url: 'redis://app:hunter2@127.0.0.1:1', keyPrefix: 'x:' });
    await expect(opening).rejects.toThrow(
      /^cannot connect to Redis at REDIS_URL=redis:\/\/app:\*\*\*@127\.0\.0\.1:1: connection refused/,
    );
    await expect(opening).rejects.not.toThrow(/hunter2/);
  });

  it('sentinels that do not answer are named in one line, within the timeout', async () => {
    const started = Date.now();
    const opening = createRedisStore({
      topology: { kind: 'sentinel', sentinels: [{ host: '127.0.0.1', port: 1 }], name: 'mymaster' },
      keyPrefix: 'x:',
      commandTimeoutMs: 300,
    });
    await expect(opening).rejects.toThrow(
      /^cannot connect to the Redis master "mymaster" \(REDIS_SENTINEL_NAME\) through REDIS_SENTINELS=127\.0\.0\.1:1: [^\n]+\. Check that REDIS_SENTINELS lists nodes that answer/,
    );
    await expect(opening).rejects.toMatchObject({ variable: 'REDIS_SENTINELS' });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('a Cluster that does not answer is named in one line, within the timeout', async () => {
    const started = Date.now();
    const opening = createRedisStore({
      topology: { kind: 'cluster', nodes: [{ host: '127.0.0.1', port: 1 }] },
      keyPrefix: 'x:',
      commandTimeoutMs: 300,
    });
    await expect(opening).rejects.toThrow(
      /^cannot connect to the Redis Cluster at REDIS_CLUSTER_NODES=127\.0\.0\.1:1: [^\n]+\. Check that REDIS_CLUSTER_NODES lists/,
    );
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
