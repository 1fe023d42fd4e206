/**
 * One ioredis client for whichever Redis topology is configured — one server (`REDIS_URL`), a Sentinel
 * group (`REDIS_SENTINELS` + `REDIS_SENTINEL_NAME`) or a Cluster (`REDIS_CLUSTER_NODES`) — with the same
 * failure behaviour on all three:
 * - no offline queue and one retry at most: while Redis (or a shard, or the master) is away a command fails
 *   at once or within the command timeout, so requests get `503 BFF_STORE_UNAVAILABLE`, never a hang;
 * - reconnects by itself with a bounded, jittered backoff; after a failover it asks the sentinels (or the
 *   cluster's slot table) where the master now is, so the BFF continues without a restart;
 * - a connect that does not succeed within the timeout is a `StoreOpenError` naming the variable to fix.
 */
import { Cluster, Redis } from 'ioredis';
import { describeNetworkError, redactUrl } from '../describe-network-error';
import { StoreOpenError } from './store-open-error';

export interface HostPort {
  host: string;
  port: number;
}

export type RedisTopology =
  | { kind: 'single'; url: string }
  | {
      kind: 'sentinel';
      sentinels: readonly HostPort[];
      /** The master group name the sentinels monitor. */
      name: string;
      sentinelPassword?: string;
      /** The data nodes' password (`requirepass`). */
      password?: string;
    }
  | { kind: 'cluster'; nodes: readonly HostPort[]; password?: string };

export type RedisClient = Redis | Cluster;

/**
 * Reconnect backoff: exponential from 100 ms to 2 s, with full jitter, so many instances that lost Redis
 * together do not reconnect (and retry their scripts) in lock-step when it returns. Never gives up.
 */
export function reconnectDelay(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(2000, 100 * 2 ** Math.min(attempt, 10));
  return Math.max(50, Math.round(ceiling * random()));
}

/**
 * A demoted master answers writes with READONLY until it learns of the failover; reconnecting makes the
 * client ask the sentinels again and find the new master. The failed command is not resent (1, not 2):
 * its request has already been answered 503.
 */
const reconnectOnReadonly = (error: Error): 1 | false => (error.message.startsWith('READONLY') ? 1 : false);

/** The client, not yet connected (`lazyConnect`); `timeoutMs` bounds each command and each connect. */
export function createRedisClient(topology: RedisTopology, timeoutMs: number): RedisClient {
  const common = {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    commandTimeout: timeoutMs,
    maxRetriesPerRequest: 1,
    // Commands issued in the same tick (concurrent session reads) go out in one write and come back in
    // one read: fewer syscalls for the BFF and for Redis. Order and per-command timeouts are unchanged.
    enableAutoPipelining: true,
  } as const;
  switch (topology.kind) {
    case 'single':
      return new Redis(topology.url, {
        ...common,
        enableOfflineQueue: false,
        retryStrategy: reconnectDelay,
      });
    case 'sentinel':
      return new Redis({
        ...common,
        enableOfflineQueue: false,
        retryStrategy: reconnectDelay,
        sentinels: topology.sentinels.map((s) => ({ host: s.host, port: s.port })),
        name: topology.name,
        role: 'master',
        sentinelPassword: topology.sentinelPassword,
        password: topology.password,
        sentinelCommandTimeout: timeoutMs,
        sentinelRetryStrategy: reconnectDelay,
        // Subscribes to the sentinels' +switch-master, so a failover is noticed at once, not at the
        // next failed command.
        failoverDetector: true,
        reconnectOnError: reconnectOnReadonly,
      });
    case 'cluster':
      return new Cluster(
        topology.nodes.map((n) => ({ host: n.host, port: n.port })),
        {
          lazyConnect: true,
          enableOfflineQueue: false,
          enableAutoPipelining: true,
          clusterRetryStrategy: (attempt: number) => reconnectDelay(attempt),
          // Writes and reads both go to masters: a replica may lag, and a session just created must be
          // readable by the next request.
          scaleReads: 'master',
          // A redirection storm during a failover must not stretch a request past the timeout.
          maxRedirections: 4,
          retryDelayOnFailover: 100,
          retryDelayOnClusterDown: 100,
          slotsRefreshTimeout: timeoutMs,
          redisOptions: {
            connectTimeout: timeoutMs,
            commandTimeout: timeoutMs,
            maxRetriesPerRequest: 1,
            password: topology.password,
            reconnectOnError: reconnectOnReadonly,
          },
        },
      );
  }
}

/** Which variable names the topology, for messages. */
export function topologyVariable(topology: RedisTopology): StoreOpenError['variable'] {
  if (topology.kind === 'sentinel') return 'REDIS_SENTINELS';
  return topology.kind === 'cluster' ? 'REDIS_CLUSTER_NODES' : 'REDIS_URL';
}

/** The topology in one password-free phrase, e.g. `Redis at REDIS_URL=redis://app:***@host:6379`. */
export function describeTopology(topology: RedisTopology): string {
  const list = (nodes: readonly HostPort[]) => nodes.map((n) => `${n.host}:${n.port}`).join(',');
  switch (topology.kind) {
    case 'single':
      return `Redis at REDIS_URL=${redactUrl(topology.url)}`;
    case 'sentinel':
      return `the Redis master "${topology.name}" (REDIS_SENTINEL_NAME) through REDIS_SENTINELS=${list(topology.sentinels)}`;
    case 'cluster':
      return `the Redis Cluster at REDIS_CLUSTER_NODES=${list(topology.nodes)}`;
  }
}

/**
 * Connect within `timeoutMs` (Sentinel and Cluster clients would otherwise keep retrying for ever) or
 * throw a one-line `StoreOpenError` naming the variable, its value and the cause in plain words.
 */
export async function connectRedisClient(
  client: RedisClient,
  topology: RedisTopology,
  timeoutMs: number,
): Promise<void> {
  // Errors surface on each command; without a listener ioredis would print every reconnect attempt. The
  // last one is kept: a failed connect() says only "Connection is closed.", the socket error says why.
  let lastError: unknown;
  client.on('error', (error: unknown) => {
    lastError = error;
  });
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(Object.assign(new Error('connect timed out'), { name: 'TimeoutError' })),
      // A Sentinel connect is two hops (sentinel, then master); a Cluster connect reads the slot table.
      topology.kind === 'single' ? timeoutMs + 100 : 2 * timeoutMs,
    );
  });
  try {
    await Promise.race([client.connect(), expired]);
    // A Cluster is "ready" once it has a slot table; a ping proves a node answers commands.
    if (topology.kind !== 'single') await Promise.race([client.ping(), expired]);
  } catch (error) {
    client.disconnect();
    const cause = lastError ?? error;
    const variable = topologyVariable(topology);
    const fix =
      topology.kind === 'single'
        ? 'Start Redis there, or set REDIS_URL to a Redis that answers (or SESSION_STORE=sqlite for a single instance).'
        : `Check that ${variable} lists nodes that answer${topology.kind === 'sentinel' ? ' and that REDIS_SENTINEL_NAME is the monitored master group' : ''}.`;
    throw new StoreOpenError(
      variable,
      `cannot connect to ${describeTopology(topology)}: ${describeNetworkError(cause, { timeoutMs })}. ${fix}`,
      { cause },
    );
  } finally {
    clearTimeout(timer);
  }
}
