/** @sgid-bff/bff — the sgID Backend-for-Frontend. */
export { type BffAppOptions, type BffDeps, createBffApp } from './app';
export {
  type BffConfig,
  type BffConfigInput,
  CONFIG_PROBLEM_CODES,
  ConfigError,
  type ConfigProblem,
  type ConfigProblemCode,
  ENV_DEFAULTS,
  type EnvVariable,
  loadConfig,
  loadConfigObject,
} from './config';
export { createDemoApi, type DemoApiOptions } from './demo-api/create-demo-api';
export { BFF_ERRORS, type BffErrorCode, BffServerError } from './errors';
export {
  type BffHandler,
  type BffMiddleware,
  type CreateBffHandlerOptions,
  createBffHandler,
  getBffSession,
  type NextFunction,
  type RequestWithBffSession,
} from './mount/create-bff-handler';
export type { BffSession, RequireSessionOptions } from './mount/host-session';
export { Secret } from './secret';
export { createStoreFromConfig } from './store/create-store';
export { createMemoryStore } from './store/memory-store';
export { createRedisStore } from './store/redis-store';
export { createSqliteStore } from './store/sqlite-store';
export type { BffStore, StoredSession, StoredTransaction } from './store/store';
