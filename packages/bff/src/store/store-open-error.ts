/**
 * The store named by the configuration could not be opened at start-up. The message is one line for the
 * operator: which variable, its (password-free) value, the cause in plain words, and how to fix it.
 * `cause` keeps the driver's error for the log; nothing here reaches a user.
 */

export class StoreOpenError extends Error {
  /** The variable to look at. */
  readonly variable: StoreVariable;
  constructor(variable: StoreVariable, message: string, options: { cause?: unknown } = {}) {
    super(message, options);
    this.name = 'StoreOpenError';
    this.variable = variable;
  }
}

/** The variables that name a store's location. */
export type StoreVariable =
  | 'REDIS_URL'
  | 'REDIS_SENTINELS'
  | 'REDIS_CLUSTER_NODES'
  | 'DATA_DIR'
  | 'DATABASE_URL'
  | 'DATABASE_SCHEMA';
