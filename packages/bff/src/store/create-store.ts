/** Open the store the configuration names. */
import type { BffConfig } from '../config';
import { createMemoryStore } from './memory-store';
import { createRedisStore } from './redis-store';
import { createSqliteStore } from './sqlite-store';
import type { BffStore } from './store';

export async function createStoreFromConfig(config: BffConfig): Promise<BffStore> {
  switch (config.store.kind) {
    case 'memory':
      return createMemoryStore();
    case 'sqlite':
      return createSqliteStore({ dataDir: config.store.dataDir });
    case 'redis':
      return createRedisStore({
        url: config.store.redisUrl.reveal(),
        keyPrefix: config.store.redisKeyPrefix,
        commandTimeoutMs: config.store.redisTimeoutMs,
      });
  }
}
