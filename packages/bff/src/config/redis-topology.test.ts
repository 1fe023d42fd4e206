import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '.';
import { BASE_ENV, problemsOf } from './test-env';

const REDIS = { ...BASE_ENV, SESSION_STORE: 'redis' };

describe('Redis topology variables', () => {
  it('one server by default, at redis://127.0.0.1:6379', () => {
    const config = loadConfig(REDIS);
    expect(config.store.redisTopology).toEqual({ kind: 'single' });
    expect(config.store.redisUrl.reveal()).toBe('redis://127.0.0.1:6379');
    expect(config.store.redisWaitReplicas).toBe(0);
  });

  it('a Sentinel group: its sentinels, master name and passwords (which never print)', () => {
    const config = loadConfig({
      ...REDIS,
      REDIS_SENTINELS: 'sentinel-a:26379, 10.0.0.2:26380,[::1]:26381',
      REDIS_SENTINEL_NAME: 'mymaster',
      REDIS_SENTINEL_PASSWORD: 'sentinel-secret',
      REDIS_PASSWORD: 'data-secret',
      REDIS_WAIT_REPLICAS: '1',
    });
    expect(config.store.redisTopology).toMatchObject({
      kind: 'sentinel',
      name: 'mymaster',
      sentinels: [
        { host: 'sentinel-a', port: 26379 },
        { host: '10.0.0.2', port: 26380 },
        { host: '::1', port: 26381 },
      ],
    });
    expect(config.store.redisWaitReplicas).toBe(1);
    expect(inspect(config, { depth: 10 })).not.toMatch(/sentinel-secret|data-secret/);
  });

  it('a Cluster: its seed nodes', () => {
    const config = loadConfig({ ...REDIS, REDIS_CLUSTER_NODES: '127.0.0.1:7000,127.0.0.1:7001' });
    expect(config.store.redisTopology).toMatchObject({
      kind: 'cluster',
      nodes: [
        { host: '127.0.0.1', port: 7000 },
        { host: '127.0.0.1', port: 7001 },
      ],
    });
  });

  it('more than one topology is a conflict naming what to unset', () => {
    expect(
      problemsOf({ ...REDIS, REDIS_URL: 'redis://cache:6379', REDIS_CLUSTER_NODES: 'a:7000' }),
    ).toContain('REDIS_CLUSTER_NODES: set only one Redis topology: unset REDIS_URL');
    expect(
      problemsOf({
        ...REDIS,
        REDIS_SENTINELS: 'a:26379',
        REDIS_SENTINEL_NAME: 'm',
        REDIS_CLUSTER_NODES: 'a:7000',
      }),
    ).toContain('REDIS_SENTINELS: set only one Redis topology: unset REDIS_CLUSTER_NODES');
  });

  it('a Sentinel group needs its master name; sentinel-only variables need sentinels', () => {
    expect(problemsOf({ ...REDIS, REDIS_SENTINELS: 'a:26379' })).toContain(
      'REDIS_SENTINEL_NAME: is required with REDIS_SENTINELS: the master group name the sentinels monitor',
    );
    expect(problemsOf({ ...REDIS, REDIS_SENTINEL_NAME: 'm' })).toContain(
      'REDIS_SENTINEL_NAME: is only used with REDIS_SENTINELS',
    );
    expect(problemsOf({ ...REDIS, REDIS_PASSWORD: 'x', REDIS_URL: 'redis://cache:6379' })).toContain(
      'REDIS_PASSWORD: is for REDIS_SENTINELS or REDIS_CLUSTER_NODES; with REDIS_URL put the password in the URL',
    );
  });

  it('malformed node lists and a prefix with a hash tag are refused', () => {
    expect(problemsOf({ ...REDIS, REDIS_CLUSTER_NODES: 'a:7000,b' })).toContain(
      'REDIS_CLUSTER_NODES: expected host:port[,host:port...], got "b"',
    );
    expect(problemsOf({ ...REDIS, REDIS_SENTINELS: 'a:99999', REDIS_SENTINEL_NAME: 'm' })).toContain(
      'REDIS_SENTINELS: expected host:port[,host:port...], got "a:99999"',
    );
    expect(problemsOf({ ...REDIS, REDIS_KEY_PREFIX: '{app}:' })).toContain(
      'REDIS_KEY_PREFIX: must not contain { or }',
    );
  });
});
