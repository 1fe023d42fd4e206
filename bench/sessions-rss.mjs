#!/usr/bin/env node
// Memory cost of sessions: create N sessions (default 100,000) with one of the BFF's stores, used in-process
// through its store API exactly as the BFF uses it, and report the growth of this process's resident set.
// One store per process, so that each starts from the same baseline:
//
//   node --expose-gc bench/sessions-rss.mjs --store none|sqlite|redis|memory [--count 100000]
//
// `none` is the baseline: the same process doing the same work (the bundle loaded, the same sessions made
// 256 at a time and handed to an async store call) with a store that keeps nothing but the last session,
// so its growth is what the harness itself costs.
// Prints one JSON line. Needs `npm run build` (imports packages/bff/dist/index.js). For Redis, the sessions
// live in redis-server, so its `used_memory` growth is reported too; keys use a unique prefix and are
// removed afterwards.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const BFF_INDEX = path.join(here, '..', 'packages', 'bff', 'dist', 'index.js');
const MAX_COUNT = 1_000_000;

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : process.argv[i + 1];
}

const rss = () => process.memoryUsage().rss;
const settle = async () => {
  for (let i = 0; i < 3; i++) {
    globalThis.gc?.();
    await new Promise((r) => setTimeout(r, 50));
  }
};

/** A session as the BFF stores it: hashed id, pairwise sub and the JSON served by GET /auth/session. */
function makeSession(i, now) {
  const sub = `${createHash('sha256').update(`user-${i}`).digest('hex').slice(0, 40)}`;
  const payload = JSON.stringify({
    sub,
    data: {
      'myinfo.name': 'TAN HENG HUAT',
      'myinfo.nric_number': 'S9812381D',
      'myinfo.email': 'myinfotesting@gmail.com',
      'myinfo.mobile_number_with_country_code': '+65 97399245',
      'myinfo.date_of_birth': '1998-06-06',
      'myinfo.registered_address': '102 BEDOK NORTH AVENUE 4\n#09-128\nSINGAPORE 460102',
    },
    loginAt: now,
  });
  return {
    idHash: createHash('sha256').update(randomBytes(32)).digest('base64url'),
    sub,
    payload,
    loginAt: now,
    idleExpiresAt: now + 30 * 60_000,
    absoluteExpiresAt: now + 12 * 3_600_000,
  };
}

async function redisUsedMemory(url) {
  const require = createRequire(import.meta.url);
  const { Redis } = require('ioredis');
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  const info = await redis.info('memory');
  await redis.quit();
  return Number(/used_memory:(\d+)/.exec(info)?.[1]);
}

async function removeRedisKeys(url, prefix) {
  const require = createRequire(import.meta.url);
  const { Redis } = require('ioredis');
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  let cursor = '0';
  let removed = 0;
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length > 0) removed += await redis.unlink(...keys);
  } while (cursor !== '0');
  await redis.quit();
  return removed;
}

async function main() {
  const kind = arg('store', 'sqlite');
  const count = Math.min(MAX_COUNT, Number(arg('count', '100000')));
  const redisUrl = arg('redis-url', process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  if (!existsSync(BFF_INDEX)) throw new Error(`${BFF_INDEX} is missing: run \`npm run build\` first`);
  const bff = await import(pathToFileURL(BFF_INDEX).href);
  const factories = {
    sqlite: bff.createSqliteStore,
    memory: bff.createMemoryStore,
    redis: bff.createRedisStore,
    none: async () => {
      let lastStored;
      return {
        createSession: async (session) => {
          lastStored = session;
        },
        readSession: async (idHash) => (lastStored?.idHash === idHash ? lastStored : undefined),
        close: async () => {},
      };
    },
  };
  if (typeof factories[kind] !== 'function') {
    const exported = Object.keys(bff).sort().join(', ');
    console.log(
      JSON.stringify({
        store: kind,
        error: `packages/bff does not export a ${kind} store factory (exports: ${exported})`,
      }),
    );
    process.exitCode = 2;
    return;
  }
  const dataDir = kind === 'sqlite' ? mkdtempSync(path.join(os.tmpdir(), 'sgid-bff-bench-rss-')) : undefined;
  const keyPrefix = `sgid-bff-bench-rss-${process.pid}-${Date.now()}:`;
  let redisBefore;
  if (kind === 'redis') redisBefore = await redisUsedMemory(redisUrl);
  const store =
    kind === 'sqlite'
      ? await factories.sqlite({ dataDir })
      : kind === 'redis'
        ? await factories.redis({ url: redisUrl, keyPrefix })
        : await factories[kind]();
  try {
    const now = Date.now();
    // Warm up the code paths and the store with a few sessions before the baseline.
    for (let i = 0; i < 100; i++) await store.createSession(makeSession(-1 - i, now));
    await settle();
    const before = rss();
    const heapBefore = process.memoryUsage().heapUsed;
    const t0 = performance.now();
    const batch = 256;
    let last;
    let half;
    for (let i = 0; i < count; i += batch) {
      if (half === undefined && i >= count / 2) {
        await settle();
        half = rss();
      }
      const sessions = Array.from({ length: Math.min(batch, count - i) }, (_, j) => makeSession(i + j, now));
      await Promise.all(sessions.map((s) => store.createSession(s)));
      last = sessions[sessions.length - 1];
    }
    const seconds = (performance.now() - t0) / 1000;
    await settle();
    const after = rss();
    const result = {
      store: kind,
      count,
      seconds,
      rssBeforeMB: before / 2 ** 20,
      rssAfterMB: after / 2 ** 20,
      growthMB: (after - before) / 2 ** 20,
      // Growth over the second half alone: what more sessions cost once fixed-size caches are full.
      secondHalfGrowthMB: (after - half) / 2 ** 20,
      heapGrowthMB: (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20,
    };
    if (kind === 'redis')
      result.redisServerGrowthMB = ((await redisUsedMemory(redisUrl)) - redisBefore) / 2 ** 20;
    // Prove the sessions are there: read the last one back.
    result.readBack = (await store.readSession(last.idHash, now))?.sub === last.sub;
    console.log(JSON.stringify(result));
  } finally {
    await store.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    if (kind === 'redis') await removeRedisKeys(redisUrl, keyPrefix);
  }
}

main().catch((error) => {
  console.log(JSON.stringify({ error: String(error?.stack ?? error) }));
  process.exitCode = 1;
});
