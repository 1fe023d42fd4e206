/**
 * Real Redis topologies for tests, started from the installed `redis-server`/`redis-cli` on free loopback
 * ports, each node in its own temp directory:
 * - a Sentinel group: one master, one replica, three sentinels (quorum 2, 1 s down-after, so a failover
 *   happens within a few seconds);
 * - a Cluster: three masters, optionally one replica each (for failover tests).
 * Started once per test file; `stop()` kills every process it started and removes its directories.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import { freePort, stopProcess } from '../../../../scripts/lib/processes.mjs';

const run = promisify(execFile);
const REDIS_SERVER = '/usr/bin/redis-server';
const REDIS_CLI = '/usr/bin/redis-cli';

export interface RedisNode {
  port: number;
  /** `127.0.0.1:port`. */
  address: string;
  child: ChildProcess;
  /** Start it again on the same port, directory and config (after a kill), with `extra` arguments. */
  restart: (extra?: string[]) => Promise<void>;
}

interface Started {
  nodes: RedisNode[];
  dirs: string[];
}

/**
 * Data nodes only (a sentinel refuses these): a replica (re)joining is synced at once, not after the
 * default 5 s wait for more replicas to share a diskless transfer.
 */
const DATA_NODE = ['repl-diskless-sync-delay 0'];

/** Spawn one redis-server with `config` (a redis.conf text) in a fresh temp dir. */
async function spawnNode(started: Started, config: string[], sentinel = false): Promise<RedisNode> {
  const port = await freePort();
  const dir = mkdtempSync(path.join(tmpdir(), 'sgid-bff-topology-'));
  started.dirs.push(dir);
  const file = path.join(dir, 'redis.conf');
  const common = [`port ${port}`, 'bind 127.0.0.1', `dir ${dir}`, 'save ""', 'appendonly no'];
  writeFileSync(file, `${[...common, ...config].join('\n')}\n`);
  const launch = (extra: string[] = []) =>
    spawn(REDIS_SERVER, [file, ...(sentinel ? ['--sentinel'] : []), ...extra], { stdio: 'ignore' });
  const node: RedisNode = {
    port,
    address: `127.0.0.1:${port}`,
    child: launch(),
    restart: async (extra) => {
      node.child = launch(extra);
      await waitForPing(port);
    },
  };
  started.nodes.push(node);
  await waitForPing(port);
  return node;
}

async function waitForPing(port: number, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await pingOnce(port)) return;
    if (Date.now() > deadline) throw new Error(`redis on port ${port} did not answer within ${timeoutMs} ms`);
    await sleep(50);
  }
}

async function pingOnce(port: number): Promise<boolean> {
  const probe = new Redis({
    port,
    host: '127.0.0.1',
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  probe.on('error', () => {});
  try {
    await probe.connect();
    await probe.ping();
    return true;
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Poll `check` every 100 ms until it answers true; throws after `timeoutMs`. */
export async function waitUntil(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await sleep(100);
  }
}

async function stopAll(started: Started): Promise<void> {
  await Promise.all(
    started.nodes.map((node) => stopProcess(node.child, { signal: 'SIGKILL', graceMs: 2000 })),
  );
  for (const dir of started.dirs) rmSync(dir, { recursive: true, force: true });
}

/** One command on one node, for checks (`INFO replication`, `DBSIZE`...). */
export async function commandOn(port: number, ...args: string[]): Promise<string> {
  const { stdout } = await run(REDIS_CLI, ['-h', '127.0.0.1', '-p', String(port), ...args], {
    timeout: 5000,
  });
  return stdout.trim();
}

export interface SentinelGroup {
  name: string;
  master: RedisNode;
  replica: RedisNode;
  sentinels: RedisNode[];
  /** `host:port,host:port,...` as REDIS_SENTINELS takes it. */
  sentinelList: string;
  /** The address the sentinels currently name as master. */
  currentMaster: () => Promise<string>;
  stop: () => Promise<void>;
}

/**
 * Master + 1 replica + 3 sentinels. `min-replicas-to-write 1` on both data nodes: a master that has lost
 * its replica refuses writes, so a write the store reports as done (after `WAIT 1`) is on two nodes.
 */
export async function startSentinelGroup(name = 'mymaster'): Promise<SentinelGroup> {
  const started: Started = { nodes: [], dirs: [] };
  try {
    const master = await spawnNode(started, [
      ...DATA_NODE,
      'min-replicas-to-write 1',
      'min-replicas-max-lag 10',
    ]);
    const replica = await spawnNode(started, [
      ...DATA_NODE,
      `replicaof 127.0.0.1 ${master.port}`,
      'min-replicas-to-write 1',
      'min-replicas-max-lag 10',
    ]);
    await waitUntil('replica in sync', async () =>
      (await commandOn(replica.port, 'INFO', 'replication')).includes('master_link_status:up'),
    );
    const sentinels: RedisNode[] = [];
    for (let i = 0; i < 3; i++)
      sentinels.push(
        await spawnNode(
          started,
          [
            `sentinel monitor ${name} 127.0.0.1 ${master.port} 2`,
            `sentinel down-after-milliseconds ${name} 1000`,
            `sentinel failover-timeout ${name} 5000`,
            `sentinel parallel-syncs ${name} 1`,
          ],
          true,
        ),
      );
    // The sentinels must know the replica (and each other) before a failover can pick it.
    await waitUntil('sentinels see the replica', async () => {
      for (const s of sentinels) {
        const replicas = await commandOn(s.port, 'SENTINEL', 'REPLICAS', name);
        if (!replicas.includes(String(replica.port))) return false;
      }
      return true;
    });
    const currentMaster = async () =>
      (await commandOn((sentinels[0] as RedisNode).port, 'SENTINEL', 'GET-MASTER-ADDR-BY-NAME', name))
        .split('\n')
        .join(':');
    return {
      name,
      master,
      replica,
      sentinels,
      sentinelList: sentinels.map((s) => s.address).join(','),
      currentMaster,
      stop: () => stopAll(started),
    };
  } catch (error) {
    await stopAll(started);
    throw error;
  }
}

export interface ClusterTopology {
  masters: RedisNode[];
  replicas: RedisNode[];
  /** `host:port,...` of every node, as REDIS_CLUSTER_NODES takes it. */
  nodeList: string;
  stop: () => Promise<void>;
}

/** Three masters (and `replicasPerMaster` replicas each), slots spread by `redis-cli --cluster create`. */
export async function startCluster(replicasPerMaster = 0): Promise<ClusterTopology> {
  const started: Started = { nodes: [], dirs: [] };
  try {
    const total = 3 * (1 + replicasPerMaster);
    const nodes: RedisNode[] = [];
    for (let i = 0; i < total; i++)
      nodes.push(
        await spawnNode(started, [
          ...DATA_NODE,
          'cluster-enabled yes',
          'cluster-node-timeout 1000',
          // A replica is promoted however long its link was down: the tests kill masters on purpose.
          'cluster-replica-validity-factor 0',
        ]),
      );
    await run(
      REDIS_CLI,
      [
        '--cluster',
        'create',
        ...nodes.map((n) => n.address),
        '--cluster-replicas',
        String(replicasPerMaster),
        '--cluster-yes',
      ],
      { timeout: 30_000 },
    );
    await waitUntil('cluster state ok', async () => {
      for (const n of nodes)
        if (!(await commandOn(n.port, 'CLUSTER', 'INFO')).includes('cluster_state:ok')) return false;
      return true;
    });
    const roles = await Promise.all(nodes.map((n) => commandOn(n.port, 'ROLE')));
    const replicas = nodes.filter((_, i) => roles[i]?.startsWith('slave'));
    // A replica still loading its first sync acknowledges no `WAIT`: ready once every link is up.
    await waitUntil('replicas in sync', async () => {
      for (const r of replicas)
        if (!(await commandOn(r.port, 'INFO', 'replication')).includes('master_link_status:up')) return false;
      return true;
    });
    return {
      masters: nodes.filter((_, i) => roles[i]?.startsWith('master')),
      replicas,
      nodeList: nodes.map((n) => n.address).join(','),
      stop: () => stopAll(started),
    };
  } catch (error) {
    await stopAll(started);
    throw error;
  }
}
