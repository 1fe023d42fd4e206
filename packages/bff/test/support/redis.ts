/** Redis for tests: `REDIS_URL` (default local), a unique key prefix per run, and clean-up of that prefix only. */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';

export const TEST_REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

export function createTestPrefix(): string {
  return `sgid-bff-test:${process.pid}:${randomBytes(4).toString('hex')}:`;
}

/** Delete every key under `prefix` (never FLUSHALL: the Redis is shared). */
export async function deleteKeysWithPrefix(prefix: string): Promise<void> {
  const redis = new Redis(TEST_REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

/** How many keys start with `prefix` (SCAN, never KEYS: the Redis may be shared). */
export async function countKeysWithPrefix(prefix: string, url = TEST_REDIS_URL): Promise<number> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  try {
    let cursor = '0';
    const seen = new Set<string>(); // SCAN may return a key twice while the table rehashes
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      cursor = next;
      for (const key of keys) seen.add(key);
    } while (cursor !== '0');
    return seen.size;
  } finally {
    redis.disconnect();
  }
}
