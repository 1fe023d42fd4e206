/** Open the store the configuration names; a store that cannot open throws `StoreOpenError`. */
import type { BffConfig } from '../config';
import { createMemoryStore } from './memory-store';
import { createPostgresStore } from './postgres-store';
import type { RedisTopology } from './redis-connection';
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
        topology: redisTopologyOf(config),
        keyPrefix: config.store.redisKeyPrefix,
        commandTimeoutMs: config.store.redisTimeoutMs,
        waitReplicas: config.store.redisWaitReplicas,
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

/** The configured Redis with its secrets revealed, for the client only (never for messages). */
export function redisTopologyOf(config: BffConfig): RedisTopology {
  const t = config.store.redisTopology;
  switch (t.kind) {
    case 'single':
      return { kind: 'single', url: config.store.redisUrl.reveal() };
    case 'sentinel':
      return {
        kind: 'sentinel',
        sentinels: t.sentinels,
        name: t.name,
        sentinelPassword: t.sentinelPassword?.reveal(),
        password: t.password?.reveal(),
      };
    case 'cluster':
      return { kind: 'cluster', nodes: t.nodes, password: t.password?.reveal() };
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
