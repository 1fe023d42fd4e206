/**
 * The store named by the configuration could not be opened at start-up. The message is one line for the
 * operator: which variable, its (password-free) value, the cause in plain words, and how to fix it.
 * `cause` keeps the driver's error for the log; nothing here reaches a user.
 */
export class StoreOpenError extends Error {
  /** The variable to look at: `REDIS_URL` or `DATA_DIR`. */
  readonly variable: 'REDIS_URL' | 'DATA_DIR';
  constructor(variable: 'REDIS_URL' | 'DATA_DIR', message: string, options: { cause?: unknown } = {}) {
    super(message, options);
    this.name = 'StoreOpenError';
    this.variable = variable;
  }
}
