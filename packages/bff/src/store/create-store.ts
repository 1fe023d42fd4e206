/** Open the store the configuration names; a store that cannot open throws `StoreOpenError`. */
import type { BffConfig } from '../config';
import { createMemoryStore } from './memory-store';
import { createPostgresStore } from './postgres-store';
import { createRedisStore } from './redis-store';
import { createSqliteStore } from './sqlite-store';
import type { BffStore } from './store';
import { StoreOpenError } from './store-open-error';

export async function createStoreFromConfig(config: BffConfig): Promise<BffStore> {
  switch (config.store.kind) {
    case 'memory':
      return createMemoryStore();
    case 'sqlite':
      return openSqlite(config.store.dataDir);
    case 'redis':
      return createRedisStore({
        url: config.store.redisUrl.reveal(),
        keyPrefix: config.store.redisKeyPrefix,
        commandTimeoutMs: config.store.redisTimeoutMs,
      });
    case 'postgres':
      return createPostgresStore({
        url: config.store.databaseUrl.reveal(),
        schema: config.store.databaseSchema,
        poolSize: config.store.databasePoolSize,
        timeoutMs: config.store.databaseTimeoutMs,
      });
  }
}

function openSqlite(dataDir: string): BffStore {
  try {
    return createSqliteStore({ dataDir });
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new StoreOpenError(
      'DATA_DIR',
      `cannot open the SQLite store in DATA_DIR=${dataDir}: ${reason}. ` +
        'Set DATA_DIR to a directory this user may write, or choose another SESSION_STORE.',
      { cause },
    );
  }
}
