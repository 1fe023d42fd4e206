/**
 * The one storage interface behind sessions, login transactions and rate-limit counters. Three
 * implementations: SQLite (default), memory (tests), Redis and PostgreSQL (scale-out). Keys are hashes of the secrets
 * the browser holds (see crypto/tokens.ts); values are opaque JSON text the store never interprets, so a
 * new field never needs a store migration.
 *
 * Rules every implementation keeps (the store contract test proves them on all three):
 * - expiry is judged against the caller's `now` (the injected clock), never the store's own clock;
 *   TTLs in the store itself only clean up;
 * - `consumeTransaction` is atomic: of two concurrent callbacks with the same state, one wins;
 * - a transaction bound to another browser is neither returned nor consumed;
 * - `touchSession` never revives an expired or deleted session;
 * - failures throw; the app turns any store failure into `503 BFF_STORE_UNAVAILABLE`.
 */

/** A session as stored. `idHash` is the SHA-256 of the cookie value, never the value itself. */
export interface StoredSession {
  idHash: string;
  /** The subject key (session/subject-key.ts: sgID's bare `sub`, `<provider>:<sub>` for others), indexed so a user's sessions can be listed and revoked. */
  sub: string;
  /** JSON text with identity and typed data, served verbatim by `GET /auth/session` (no re-encoding). */
  payload: string;
  loginAt: number;
  /** When the session ends for inactivity; never later than `absoluteExpiresAt`. */
  idleExpiresAt: number;
  absoluteExpiresAt: number;
}

/** A pending login, keyed by the hash of its `state`, bound to the hash of the browser's login cookie. */
export interface StoredTransaction {
  stateHash: string;
  bindingHash: string;
  /** JSON text: nonce, PKCE verifier, returnTo, scopes. */
  payload: string;
  createdAt: number;
  expiresAt: number;
}

/**
 * What a consumed login transaction led to, kept until the transaction's own expiry so a repeat of the
 * callback by the same browser can be recognised (login/callback-receipt.ts). Keyed like the transaction.
 */
export interface StoredCallbackReceipt {
  stateHash: string;
  bindingHash: string;
  /** JSON text: pending, failed with a code, or done with the session (its id sealed to the binding). */
  payload: string;
  expiresAt: number;
}

export type ConsumeResult =
  | { status: 'consumed'; transaction: StoredTransaction; remainingForBrowser: number }
  | { status: 'missing' }
  | { status: 'binding-mismatch' };

export interface CounterResult {
  count: number;
  resetAt: number;
}

export interface BffStore {
  /** Which implementation, for logs and `doctor`. */
  readonly kind: 'sqlite' | 'memory' | 'redis' | 'postgres';

  /** Save a login transaction; evict that browser's oldest live ones beyond `maxPerBrowser`. */
  createTransaction(transaction: StoredTransaction, maxPerBrowser: number): Promise<void>;
  /** Atomically take a live transaction if it is bound to `bindingHash`; single use. */
  consumeTransaction(stateHash: string, bindingHash: string, now: number): Promise<ConsumeResult>;

  /** Save (or replace) the receipt of a consumed transaction; `now` only sets the clean-up TTL. */
  saveCallbackReceipt(receipt: StoredCallbackReceipt, now: number): Promise<void>;
  /** The live receipt for `stateHash` (`expiresAt > now`), or undefined. */
  readCallbackReceipt(stateHash: string, now: number): Promise<StoredCallbackReceipt | undefined>;

  createSession(session: StoredSession): Promise<void>;
  /** A live session (`idleExpiresAt > now`), or undefined. Does not extend it. */
  readSession(idHash: string, now: number): Promise<StoredSession | undefined>;
  /** Move a live session's idle expiry to `idleExpiresAt`; false when it is gone or expired. */
  touchSession(idHash: string, idleExpiresAt: number, now: number): Promise<boolean>;
  deleteSession(idHash: string): Promise<void>;
  /** Every live session of a subject (for "your sessions" and admin views). */
  listSessionsBySub(sub: string, now: number): Promise<StoredSession[]>;
  /** End every session of a subject; answers how many were ended. */
  deleteSessionsBySub(sub: string): Promise<number>;

  /**
   * Whether the store itself dropped this (no longer held) session before its expiry — Redis evicting it
   * under `maxmemory` (redis-evictions.ts); true once per eviction. Absent on stores that never evict.
   */
  takeEviction?(idHash: string): Promise<boolean>;

  /** Count one hit in a fixed window shared by every instance using this store. */
  incrementCounter(key: string, windowMs: number, now: number): Promise<CounterResult>;

  /** Remove expired rows (SQLite, memory, PostgreSQL); Redis expires by TTL. */
  sweep(now: number): Promise<void>;
  /** Throws when the store cannot serve (readiness, doctor). */
  ping(): Promise<void>;
  close(): Promise<void>;
}
