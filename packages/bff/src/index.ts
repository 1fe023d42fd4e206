/** @sgid-bff/bff — the sgID Backend-for-Frontend. */
export { type BffDeps, createBffApp } from './app';
export {
  type BffConfig,
  CONFIG_PROBLEM_CODES,
  ConfigError,
  type ConfigProblem,
  type ConfigProblemCode,
  ENV_DEFAULTS,
  type EnvVariable,
  loadConfig,
} from './config';
export { createDemoApi, type DemoApiOptions } from './demo-api/create-demo-api';
export { BFF_ERRORS, type BffErrorCode, BffServerError } from './errors';
export { Secret } from './secret';
export { createStoreFromConfig } from './store/create-store';
export { createMemoryStore } from './store/memory-store';
export { createRedisStore } from './store/redis-store';
export { createSqliteStore } from './store/sqlite-store';
export type { BffStore, StoredSession, StoredTransaction } from './store/store';
