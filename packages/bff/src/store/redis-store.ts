/**
 * The scale-out store: any number of BFF instances share sessions, login transactions and rate-limit
 * counters through one Redis, a Sentinel-managed master or a Cluster (redis-connection.ts). Keys carry
 * TTLs matching the timeouts (clean-up only: expiry is still judged against the injected clock). Commands
 * fail fast while Redis is away (no offline queue, and every operation has a deadline), so requests get
 * `503 BFF_STORE_UNAVAILABLE` at once, and the client reconnects by itself when Redis (or a promoted
 * replica) answers again. The key layout keeps each script in one hash slot (redis-scripts.ts).
 */
import type { ChainableCommander } from 'ioredis';
import {
  connectRedisClient,
  createRedisClient,
  type RedisClient,
  type RedisTopology,
  reconnectDelay,
} from './redis-connection';
import { watchSessionEvictions } from './redis-evictions';
import {
  CONSUME_TRANSACTION,
  CREATE_TRANSACTION,
  DELETE_SESSION,
  INCREMENT_COUNTER,
  INDEX_SESSION,
  SAVE_SESSION,
  TOUCH_SESSION,
} from './redis-scripts';
import type { BffStore, ConsumeResult, StoredSession } from './store';

export { reconnectDelay };

export interface RedisStoreOptions {
  /** One server: shorthand for `topology: { kind: 'single', url }`. */
  url?: string;
  /** Which Redis: one server, a Sentinel group or a Cluster. */
  topology?: RedisTopology;
  /** Namespace for every key, e.g. `sgid-bff:`; tests use a unique one per run. No `{` or `}`. */
  keyPrefix: string;
  /** Longest a command, and a whole store operation, may wait, in ms (default 2000). */
  commandTimeoutMs?: number;
  /**
   * Replicas that must acknowledge (Redis `WAIT`) a session's creation and end before the store reports
   * them done; 0 (default) does not wait. With 1, a session the BFF handed out, or a logout it confirmed,
   * survives a failover to that replica.
   */
  waitReplicas?: number;
}

type ScriptName =
  | 'bffCreateTx'
  | 'bffConsumeTx'
  | 'bffSaveSession'
  | 'bffIndexSession'
  | 'bffTouch'
  | 'bffDelete'
  | 'bffCounter';
type ScriptArgs = Array<string | number>;
type ScriptClient = RedisClient & Record<ScriptName, (...args: ScriptArgs) => Promise<unknown>>;
type ScriptPipeline = ChainableCommander & Record<ScriptName, (...args: ScriptArgs) => ScriptPipeline>;

const SCRIPTS: Array<[ScriptName, number, string]> = [
  ['bffCreateTx', 3, CREATE_TRANSACTION],
  ['bffConsumeTx', 2, CONSUME_TRANSACTION],
  ['bffSaveSession', 1, SAVE_SESSION],
  ['bffIndexSession', 1, INDEX_SESSION],
  ['bffTouch', 1, TOUCH_SESSION],
  ['bffDelete', 1, DELETE_SESSION],
  ['bffCounter', 1, INCREMENT_COUNTER],
];

/** Connect and answer a store; rejects when Redis does not answer (so tests fail rather than skip). */
export async function createRedisStore(options: RedisStoreOptions): Promise<BffStore> {
  const timeout = options.commandTimeoutMs ?? 2000;
  const topology =
    options.topology ?? (options.url === undefined ? undefined : { kind: 'single', url: options.url });
  if (topology === undefined) throw new TypeError('createRedisStore needs a url or a topology');
  if (/[{}]/.test(options.keyPrefix))
    // A tag in the prefix would put every key in one Cluster slot, i.e. on one node.
    throw new TypeError('the Redis key prefix must not contain { or }');
  const redis = createRedisClient(topology, timeout) as ScriptClient;
  for (const [name, numberOfKeys, lua] of SCRIPTS) redis.defineCommand(name, { numberOfKeys, lua });
  await connectRedisClient(redis, topology, timeout);
  const evictions = await watchSessionEvictions(redis, `${options.keyPrefix}s:`, timeout);
  const waitReplicas = options.waitReplicas ?? 0;
  // WAIT gets part of the budget; the write before it the rest.
  const waitMs = Math.max(10, Math.floor(timeout / 2));

  /**
   * Run `build`'s writes, then, when replicas are required, `WAIT` for them in the same pipeline — so on a
   * Cluster it reaches the node that took the writes. Fewer acknowledgements than required is a failure:
   * the caller answers 503 rather than hand out a session a failover could lose.
   */
  const replicated = async (build: (pipeline: ScriptPipeline) => ScriptPipeline): Promise<unknown> => {
    if (waitReplicas === 0) {
      const [[error, result] = [null, undefined]] =
        (await build(redis.pipeline() as ScriptPipeline).exec()) ?? [];
      if (error) throw error;
      return result;
    }
    const results =
      (await build(redis.pipeline() as ScriptPipeline)
        .wait(waitReplicas, waitMs)
        .exec()) ?? [];
    for (const [error] of results) if (error) throw error;
    const acknowledged = Number(results.at(-1)?.[1]);
    if (!(acknowledged >= waitReplicas))
      throw new Error(
        `only ${acknowledged} of ${waitReplicas} Redis replicas acknowledged within ${waitMs} ms`,
      );
    return results[0]?.[1];
  };

  const p = options.keyPrefix;

  const toSession = (idHash: string, f: Array<string | null>): StoredSession | undefined => {
    const [sub, payload, loginAt, idle, absolute] = f;
    if (sub == null || payload == null || loginAt == null || idle == null || absolute == null)
      return undefined;
    return {
      idHash,
      sub,
      payload,
      loginAt: Number(loginAt),
      idleExpiresAt: Number(idle),
      absoluteExpiresAt: Number(absolute),
    };
  };
  const readOne = async (idHash: string) =>
    toSession(idHash, await redis.hmget(`${p}s:${idHash}`, 'u', 'p', 'l', 'i', 'a'));

  // A transaction's keys share its browser's `{bindingHash}` tag (redis-scripts.ts).
  const txStem = (bindingHash: string) => `${p}t:{${bindingHash}}:`;
  const browserSet = (bindingHash: string) => `${p}b:{${bindingHash}}`;

  const store: BffStore = {
    kind: 'redis',
    async createTransaction(t, maxPerBrowser) {
      const ttl = Math.max(1, t.expiresAt - t.createdAt);
      // Two slots, written together: until the browser is sent to the provider nobody looks them up, and a
      // half-written pair (one write failed, the login answered 503) only ever reads as "missing".
      await Promise.all([
        redis.set(`${p}x:${t.stateHash}`, t.bindingHash, 'PX', ttl),
        redis.bffCreateTx(
          `${txStem(t.bindingHash)}${t.stateHash}`,
          browserSet(t.bindingHash),
          `${browserSet(t.bindingHash)}:n`,
          t.stateHash,
          t.payload,
          t.createdAt,
          t.expiresAt,
          ttl,
          maxPerBrowser,
          txStem(t.bindingHash),
        ),
      ]);
    },
    async consumeTransaction(stateHash, bindingHash, now): Promise<ConsumeResult> {
      const boundTo = await redis.get(`${p}x:${stateHash}`);
      if (boundTo === null) return { status: 'missing' };
      if (boundTo !== bindingHash) {
        // Another browser's state: not taken. Reported as a mismatch only while that transaction is live,
        // as the single-slot layout did (an expired or used one is just missing).
        const expiresAt = await redis.hget(`${txStem(boundTo)}${stateHash}`, 'e');
        return expiresAt !== null && Number(expiresAt) > now
          ? { status: 'binding-mismatch' }
          : { status: 'missing' };
      }
      // The script is the single-use check: of two concurrent consumes, one finds the transaction. The
      // pointer is left to expire: it leads to nothing once the transaction is gone.
      const r = (await redis.bffConsumeTx(
        `${txStem(bindingHash)}${stateHash}`,
        browserSet(bindingHash),
        now,
        stateHash,
        txStem(bindingHash),
      )) as Array<string | number>;
      if (r[0] !== 'consumed') return { status: 'missing' };
      return {
        status: 'consumed',
        transaction: {
          stateHash,
          bindingHash,
          payload: String(r[1]),
          createdAt: Number(r[2]),
          expiresAt: Number(r[3]),
        },
        remainingForBrowser: Number(r[4]),
      };
    },
    async saveCallbackReceipt(r, now) {
      const body = JSON.stringify({ b: r.bindingHash, p: r.payload, e: r.expiresAt });
      await redis.set(`${p}r:${r.stateHash}`, body, 'PX', Math.max(1, r.expiresAt - now));
    },
    async readCallbackReceipt(stateHash, now) {
      const text = await redis.get(`${p}r:${stateHash}`);
      if (text === null) return undefined;
      const { b, p: payload, e } = JSON.parse(text) as { b: string; p: string; e: number };
      return e > now ? { stateHash, bindingHash: b, payload, expiresAt: e } : undefined;
    },
    async createSession(s) {
      const idleTtl = Math.max(1, s.idleExpiresAt - s.loginAt);
      const absoluteTtl = Math.max(1, s.absoluteExpiresAt - s.loginAt);
      // The session first, then its index entry. Listing never finds an indexed session that is not yet
      // written (so its clean-up cannot drop a new one), and a revocation that runs between the two steps
      // misses only a session whose cookie has not been sent yet: the same as a login just after it.
      await replicated((pipeline) =>
        pipeline.bffSaveSession(
          `${p}s:${s.idHash}`,
          s.sub,
          s.payload,
          s.loginAt,
          s.idleExpiresAt,
          s.absoluteExpiresAt,
          idleTtl,
        ),
      );
      await replicated((pipeline) => pipeline.bffIndexSession(`${p}u:${s.sub}`, s.idHash, absoluteTtl));
    },
    async readSession(idHash, now) {
      const session = await readOne(idHash);
      return session && session.idleExpiresAt > now ? session : undefined;
    },
    async touchSession(idHash, idleExpiresAt, now) {
      return (await redis.bffTouch(`${p}s:${idHash}`, idleExpiresAt, now)) === 1;
    },
    async deleteSession(idHash) {
      // The session first: once it is gone the cookie is worthless. A stale index entry left by a failure
      // after that is dropped by the next listing.
      const sub = await replicated((pipeline) => pipeline.bffDelete(`${p}s:${idHash}`));
      if (typeof sub === 'string') await redis.srem(`${p}u:${sub}`, idHash);
    },
    async listSessionsBySub(sub, now) {
      const hashes = await redis.smembers(`${p}u:${sub}`);
      const found = await Promise.all(hashes.map(readOne));
      const dead = hashes.filter((_, i) => !found[i]);
      if (dead.length > 0) await redis.srem(`${p}u:${sub}`, ...dead);
      return found.filter((s): s is StoredSession => s !== undefined && s.idleExpiresAt > now);
    },
    async deleteSessionsBySub(sub) {
      // Sessions live in their own slots: one DEL each (a multi-key DEL would span slots on a Cluster).
      // Index entries are removed only after their sessions are gone, so a failure half-way leaves them
      // for the retry; entries added meanwhile (a login completing now) are kept.
      const hashes = await redis.smembers(`${p}u:${sub}`);
      const ended = await Promise.all(
        hashes.map((h) => replicated((pipeline) => pipeline.del(`${p}s:${h}`) as ScriptPipeline)),
      );
      if (hashes.length > 0) await redis.srem(`${p}u:${sub}`, ...hashes);
      return ended.reduce<number>((sum, n) => sum + Number(n), 0);
    },
    async takeEviction(idHash) {
      return evictions.take(idHash);
    },
    async incrementCounter(key, windowMs, now) {
      const [count, resetAt] = (await redis.bffCounter(`${p}c:${key}`, now, now + windowMs, windowMs)) as [
        number,
        string,
      ];
      return { count: Number(count), resetAt: Number(resetAt) };
    },
    async sweep() {
      // Redis expires keys by their TTLs.
    },
    async ping() {
      await redis.ping();
    },
    async close() {
      evictions.close();
      if (redis.status === 'end') return;
      await redis.quit().catch(() => redis.disconnect());
    },
  };
  return withDeadline(store, timeout);
}

/**
 * Every operation settles within `ms`, whatever the client does inside (a Cluster retrying a redirection,
 * a Sentinel client looking for the new master, an operation of two commands): the request gets its 503
 * in time and the caller's load never piles up behind a failover. `close` is not cut short.
 */
function withDeadline(store: BffStore, ms: number): BffStore {
  const bounded = { ...store };
  for (const name of Object.keys(store) as Array<keyof BffStore>) {
    if (name === 'kind' || name === 'close') continue;
    const method = store[name] as (...args: unknown[]) => Promise<unknown>;
    (bounded as Record<string, unknown>)[name] = (...args: unknown[]) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`Redis store ${name} took longer than ${ms} ms`)),
          ms,
        );
        method.apply(store, args).then(
          (value) => {
            clearTimeout(timer);
            resolve(value);
          },
          (error: unknown) => {
            clearTimeout(timer);
            reject(error);
          },
        );
      });
  }
  return bounded;
}
