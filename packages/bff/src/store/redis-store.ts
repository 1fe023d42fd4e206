/**
 * The scale-out store: any number of BFF instances share sessions, login transactions and rate-limit
 * counters through one Redis. Keys carry TTLs matching the timeouts (clean-up only: expiry is still judged
 * against the injected clock). Commands fail fast while Redis is away (no offline queue), so requests get
 * `503 BFF_STORE_UNAVAILABLE` at once, and ioredis reconnects by itself when Redis returns.
 */
import { Redis } from 'ioredis';
import { describeNetworkError, redactUrl } from '../describe-network-error';
import {
  CONSUME_TRANSACTION,
  CREATE_SESSION,
  CREATE_TRANSACTION,
  DELETE_SESSION,
  DELETE_SESSIONS_BY_SUB,
  INCREMENT_COUNTER,
  TOUCH_SESSION,
} from './redis-scripts';
import type { BffStore, ConsumeResult, StoredSession } from './store';
import { StoreOpenError } from './store-open-error';

export interface RedisStoreOptions {
  url: string;
  /** Namespace for every key, e.g. `sgid-bff:`; tests use a unique one per run. */
  keyPrefix: string;
  /** Longest a command may wait, in ms (default 2000). */
  commandTimeoutMs?: number;
}

type ScriptName =
  | 'bffCreateTx'
  | 'bffConsumeTx'
  | 'bffCreateSession'
  | 'bffTouch'
  | 'bffDelete'
  | 'bffDeleteBySub'
  | 'bffCounter';
type ScriptClient = Redis & Record<ScriptName, (...args: Array<string | number>) => Promise<unknown>>;

/**
 * Reconnect backoff: exponential from 100 ms to 2 s, with full jitter, so many instances that lost Redis
 * together do not reconnect (and retry their scripts) in lock-step when it returns. Never gives up.
 */
export function reconnectDelay(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(2000, 100 * 2 ** Math.min(attempt, 10));
  return Math.max(50, Math.round(ceiling * random()));
}

/** Connect and answer a store; rejects when Redis does not answer (so tests fail rather than skip). */
export async function createRedisStore(options: RedisStoreOptions): Promise<BffStore> {
  const timeout = options.commandTimeoutMs ?? 2000;
  const redis = new Redis(options.url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: timeout,
    commandTimeout: timeout,
    retryStrategy: reconnectDelay,
    // Commands issued in the same tick (concurrent session reads) go out in one write and come back in
    // one read: fewer syscalls for the BFF and for Redis. Order and per-command timeouts are unchanged.
    enableAutoPipelining: true,
  }) as ScriptClient;
  // Errors surface on each command; without a listener ioredis would print every reconnect attempt. The
  // last one is kept: a failed connect() says only "Connection is closed.", the socket error says why.
  let lastError: unknown;
  redis.on('error', (error) => {
    lastError = error;
  });
  const scripts: Array<[ScriptName, number, string]> = [
    ['bffCreateTx', 2, CREATE_TRANSACTION],
    ['bffConsumeTx', 1, CONSUME_TRANSACTION],
    ['bffCreateSession', 2, CREATE_SESSION],
    ['bffTouch', 1, TOUCH_SESSION],
    ['bffDelete', 1, DELETE_SESSION],
    ['bffDeleteBySub', 1, DELETE_SESSIONS_BY_SUB],
    ['bffCounter', 1, INCREMENT_COUNTER],
  ];
  for (const [name, numberOfKeys, lua] of scripts) redis.defineCommand(name, { numberOfKeys, lua });
  try {
    await redis.connect();
  } catch (error) {
    redis.disconnect();
    const cause = lastError ?? error;
    throw new StoreOpenError(
      'REDIS_URL',
      `cannot connect to Redis at REDIS_URL=${redactUrl(options.url)}: ${describeNetworkError(cause, { timeoutMs: timeout })}. ` +
        'Start Redis there, or set REDIS_URL to a Redis that answers (or SESSION_STORE=sqlite for a single instance).',
      { cause },
    );
  }
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

  return {
    kind: 'redis',
    async createTransaction(t, maxPerBrowser) {
      const ttl = Math.max(1, t.expiresAt - t.createdAt);
      await redis.bffCreateTx(
        `${p}t:${t.stateHash}`,
        `${p}b:${t.bindingHash}`,
        t.stateHash,
        t.bindingHash,
        t.payload,
        t.createdAt,
        t.expiresAt,
        ttl,
        maxPerBrowser,
        p,
      );
    },
    async consumeTransaction(stateHash, bindingHash, now): Promise<ConsumeResult> {
      const r = (await redis.bffConsumeTx(`${p}t:${stateHash}`, bindingHash, now, p, stateHash)) as Array<
        string | number
      >;
      if (r[0] === 'missing') return { status: 'missing' };
      if (r[0] === 'binding-mismatch') return { status: 'binding-mismatch' };
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
      await redis.bffCreateSession(
        `${p}s:${s.idHash}`,
        `${p}u:${s.sub}`,
        s.idHash,
        s.sub,
        s.payload,
        s.loginAt,
        s.idleExpiresAt,
        s.absoluteExpiresAt,
        idleTtl,
        absoluteTtl,
      );
    },
    async readSession(idHash, now) {
      const session = await readOne(idHash);
      return session && session.idleExpiresAt > now ? session : undefined;
    },
    async touchSession(idHash, idleExpiresAt, now) {
      return (await redis.bffTouch(`${p}s:${idHash}`, idleExpiresAt, now)) === 1;
    },
    async deleteSession(idHash) {
      await redis.bffDelete(`${p}s:${idHash}`, p, idHash);
    },
    async listSessionsBySub(sub, now) {
      const hashes = await redis.smembers(`${p}u:${sub}`);
      const found = await Promise.all(hashes.map(readOne));
      const dead = hashes.filter((_, i) => !found[i]);
      if (dead.length > 0) await redis.srem(`${p}u:${sub}`, ...dead);
      return found.filter((s): s is StoredSession => s !== undefined && s.idleExpiresAt > now);
    },
    async deleteSessionsBySub(sub) {
      return Number(await redis.bffDeleteBySub(`${p}u:${sub}`, p));
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
      if (redis.status === 'end') return;
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
