/**
 * Sessions Redis itself dropped, as Redis reports them: a `maxmemory` eviction is announced as a keyspace
 * notification (`__keyevent@<db>__:evicted`, the key's name as the message) when the server runs with
 * `notify-keyspace-events` including `Ee`. The BFF never changes the server's configuration; without those
 * flags (or with `maxmemory-policy noeviction`, as docs/production.md asks) nothing is ever reported.
 * Rules:
 * - every data node is watched on a connection of its own (a Cluster's nodes each announce only their own
 *   keys; a single or Sentinel connection follows its master across reconnects and failovers);
 * - only this store's session keys are kept, by id hash, at most `MAX_REMEMBERED` (oldest forgotten);
 * - `take` answers true once per eviction, so the session is counted once, when its cookie comes back;
 * - best effort: a watch that cannot connect counts nothing and never fails the store.
 * Notifications are fire-and-forget in Redis: one sent while a watch is reconnecting is lost.
 */
import { Cluster, type Redis } from 'ioredis';
import type { RedisClient } from './redis-connection';

/** Evictions remembered per instance until their cookie comes back (an id hash is 64 characters). */
const MAX_REMEMBERED = 10_000;
const EVICTED = '__keyevent@*__:evicted';

export interface EvictionWatch {
  /** Whether Redis reported evicting this session; true once, then forgotten. */
  take(idHash: string): boolean;
  close(): void;
}

/**
 * Watch `client`'s data nodes for evicted keys under `sessionKeyPrefix` (`<prefix>s:`). Resolves once
 * the nodes known now are subscribed (or have failed to), within `timeoutMs`.
 */
export async function watchSessionEvictions(
  client: RedisClient,
  sessionKeyPrefix: string,
  timeoutMs: number,
): Promise<EvictionWatch> {
  const evicted = new Set<string>();
  const remember = (_pattern: string, _channel: string, key: string) => {
    if (!key.startsWith(sessionKeyPrefix)) return;
    const idHash = key.slice(sessionKeyPrefix.length);
    evicted.delete(idHash);
    evicted.add(idHash);
    // A Set iterates in insertion order: the first is the oldest.
    if (evicted.size > MAX_REMEMBERED) evicted.delete(evicted.values().next().value as string);
  };
  const watchers = new Map<string, Redis>();
  const watch = (node: Redis, key: string): Promise<void> => {
    if (watchers.has(key)) return Promise.resolve();
    // `duplicate` keeps the node's options (password, timeouts; a Sentinel client's sentinels and name).
    const watcher = node.duplicate({ lazyConnect: true, autoResubscribe: false });
    watchers.set(key, watcher);
    watcher.on('error', () => {});
    watcher.on('pmessage', remember);
    // Subscribed again on every connection: after a reconnect, or a Sentinel failover to another master.
    // A refusal (an ACL without PSUBSCRIBE) settles it too: nothing is counted, the store opens at once.
    const subscribed = new Promise<void>((resolve) => {
      const settle = () => resolve();
      watcher.on('ready', () => void watcher.psubscribe(EVICTED).then(settle, settle));
    });
    watcher.connect().catch(() => {});
    return bounded(subscribed, timeoutMs);
  };

  if (client instanceof Cluster) {
    const keyOf = (node: Redis) => `${node.options.host}:${node.options.port}`;
    client.on('+node', (node: Redis) => void watch(node, keyOf(node)));
    client.on('-node', (node: Redis) => {
      watchers.get(keyOf(node))?.disconnect();
      watchers.delete(keyOf(node));
    });
    await Promise.all(client.nodes('all').map((node) => watch(node, keyOf(node))));
  } else {
    await watch(client, 'master');
  }

  return {
    take(idHash) {
      return evicted.delete(idHash);
    },
    close() {
      for (const watcher of watchers.values()) watcher.disconnect();
      watchers.clear();
    },
  };
}

/** `pending` settled within `ms`, its failure swallowed: counting only. */
async function bounded(pending: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    pending.catch(() => {}),
    new Promise((resolve) => {
      timer = setTimeout(resolve, ms);
    }),
  ]);
  clearTimeout(timer);
}
