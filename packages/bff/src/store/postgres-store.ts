/**
 * The PostgreSQL store: any number of BFF instances share sessions, login transactions, callback receipts
 * and rate-limit counters through one database, durably (every commit is on disk before a login
 * completes). Rules, beyond store.ts's:
 * - each method is one parameterised statement, so it is atomic on its own and costs one round trip
 *   (`consumeTransaction` is one `DELETE … RETURNING`: of two callbacks, the row lock lets one win);
 * - every wait is bounded by `DATABASE_TIMEOUT` (pool checkout, connect, query), so while PostgreSQL is
 *   away or paused requests fail fast with `503 BFF_STORE_UNAVAILABLE` (guard-store.ts); the pool drops
 *   broken connections and opens new ones when the server returns, with no restart;
 * - the schema is migrated when the store opens (postgres-migrations.ts), under an advisory lock;
 * - expired rows are swept in bounded batches, so a sweep never holds long locks or one huge delete.
 */
import { Pool } from 'pg';
import {
  cannotConnect,
  clientSettings,
  connectPostgresClient,
  describePostgresError,
} from './postgres-connect';
import { MIGRATIONS, migratePostgres, quoteSchema } from './postgres-migrations';
import type { BffStore, ConsumeResult, StoredCallbackReceipt, StoredSession } from './store';
import { StoreOpenError } from './store-open-error';

export interface PostgresStoreOptions {
  url: string;
  /** The schema holding the BFF's tables (default `sgid_bff`); tests use a fresh one each. */
  schema?: string;
  /** Most connections this instance opens (default 10). */
  poolSize?: number;
  /** Longest a connection attempt or a statement may take, in ms (default 2000). */
  timeoutMs?: number;
  /** Rows deleted per sweep statement (default 1000). */
  sweepBatchSize?: number;
  /** Statements per table per sweep (default 100): the rest waits for the next sweep. */
  sweepMaxBatches?: number;
}

/** BIGINT columns come back as strings (node-postgres will not guess at 64-bit precision). */
type Millis = string;
interface SessionRow {
  id_hash: string;
  sub: string;
  payload: string;
  login_at: Millis;
  idle_expires_at: Millis;
  absolute_expires_at: Millis;
}

const toSession = (r: SessionRow): StoredSession => ({
  idHash: r.id_hash,
  sub: r.sub,
  payload: r.payload,
  loginAt: Number(r.login_at),
  idleExpiresAt: Number(r.idle_expires_at),
  absoluteExpiresAt: Number(r.absolute_expires_at),
});

/** The statements, for schema `s` (quoted); names make node-postgres prepare each once per connection. */
function statements(s: string) {
  const sessionColumns = 'id_hash, sub, payload, login_at, idle_expires_at, absolute_expires_at';
  return {
    // The new transaction plus the browser's newest `max - 1` others are kept. Both parts see the same
    // snapshot, so the insert is left out of the delete by its key rather than by ordering. Logins of one
    // browser racing each other may leave a row or two over the cap until its next login: the cap bounds
    // storage per browser, it is not a security check (the binding is).
    createTx: `WITH saved AS (
        INSERT INTO ${s}.transactions (state_hash, binding_hash, payload, created_at, expires_at)
        VALUES ($1, $2, $3, $4, $5)
        ON CONFLICT (state_hash) DO UPDATE SET binding_hash = EXCLUDED.binding_hash,
          payload = EXCLUDED.payload, created_at = EXCLUDED.created_at, expires_at = EXCLUDED.expires_at
        RETURNING 1)
      DELETE FROM ${s}.transactions WHERE binding_hash = $2 AND state_hash <> $1 AND state_hash NOT IN (
        SELECT state_hash FROM ${s}.transactions WHERE binding_hash = $2 AND state_hash <> $1
        ORDER BY created_at DESC, seq DESC LIMIT $6)`,
    // Only a row bound to this browser is deleted. A loser of a race for the same row waits on its lock,
    // then finds it gone: `elsewhere` looks only at other bindings, so the loser reads as missing.
    consumeTx: `WITH taken AS (
        DELETE FROM ${s}.transactions WHERE state_hash = $1 AND binding_hash = $2 AND expires_at > $3
        RETURNING payload, created_at, expires_at)
      SELECT taken.payload, taken.created_at, taken.expires_at,
        (SELECT count(*) FROM ${s}.transactions
          WHERE binding_hash = $2 AND expires_at > $3 AND state_hash <> $1) AS remaining,
        EXISTS (SELECT 1 FROM ${s}.transactions
          WHERE state_hash = $1 AND binding_hash <> $2 AND expires_at > $3) AS elsewhere
      FROM (SELECT 1) AS one LEFT JOIN taken ON true`,
    saveReceipt: `INSERT INTO ${s}.callback_receipts (state_hash, binding_hash, payload, expires_at)
      VALUES ($1, $2, $3, $4) ON CONFLICT (state_hash) DO UPDATE SET binding_hash = EXCLUDED.binding_hash,
      payload = EXCLUDED.payload, expires_at = EXCLUDED.expires_at`,
    readReceipt: `SELECT binding_hash, payload, expires_at FROM ${s}.callback_receipts
      WHERE state_hash = $1 AND expires_at > $2`,
    createSession: `INSERT INTO ${s}.sessions (${sessionColumns}) VALUES ($1, $2, $3, $4, $5, $6)
      ON CONFLICT (id_hash) DO UPDATE SET sub = EXCLUDED.sub, payload = EXCLUDED.payload,
      login_at = EXCLUDED.login_at, idle_expires_at = EXCLUDED.idle_expires_at,
      absolute_expires_at = EXCLUDED.absolute_expires_at`,
    readSession: `SELECT ${sessionColumns} FROM ${s}.sessions WHERE id_hash = $1 AND idle_expires_at > $2`,
    // Only ever forward and never past the absolute expiry: two instances touching at once with slightly
    // different clocks cannot shorten a session (as the Redis store).
    touchSession: `UPDATE ${s}.sessions
      SET idle_expires_at = GREATEST(idle_expires_at, LEAST($2::bigint, absolute_expires_at))
      WHERE id_hash = $1 AND idle_expires_at > $3`,
    deleteSession: `DELETE FROM ${s}.sessions WHERE id_hash = $1`,
    listBySub: `SELECT ${sessionColumns} FROM ${s}.sessions WHERE sub = $1 AND idle_expires_at > $2`,
    deleteBySub: `DELETE FROM ${s}.sessions WHERE sub = $1`,
    bumpCounter: `INSERT INTO ${s}.counters AS c (key, count, reset_at) VALUES ($1, 1, $3)
      ON CONFLICT (key) DO UPDATE SET
        count = CASE WHEN c.reset_at > $2 THEN c.count + 1 ELSE 1 END,
        reset_at = CASE WHEN c.reset_at > $2 THEN c.reset_at ELSE $3 END
      RETURNING count, reset_at`,
  };
}

/** Expired rows of each table, by the column that says so. */
const SWEPT: ReadonlyArray<[table: string, expiry: string]> = [
  ['sessions', 'idle_expires_at'],
  ['transactions', 'expires_at'],
  ['callback_receipts', 'expires_at'],
  ['counters', 'reset_at'],
];

/**
 * Connect, migrate the schema and answer a store; rejects with a `StoreOpenError` naming DATABASE_URL when
 * PostgreSQL does not answer (so tests fail rather than skip, and the CLI prints one line).
 */
export async function createPostgresStore(options: PostgresStoreOptions): Promise<BffStore> {
  const timeout = options.timeoutMs ?? 2000;
  const schema = options.schema ?? 'sgid_bff';
  const s = quoteSchema(schema);
  const batch = options.sweepBatchSize ?? 1000;
  const maxBatches = options.sweepMaxBatches ?? 100;

  const migrator = await connectPostgresClient(options.url, timeout, { forMigration: true });
  try {
    await migratePostgres(migrator, schema, MIGRATIONS);
  } catch (cause) {
    throw new StoreOpenError(
      'DATABASE_SCHEMA',
      `cannot prepare the PostgreSQL schema DATABASE_SCHEMA=${schema}: ${describePostgresError(cause, timeout)}. ` +
        'Give the DATABASE_URL user the right to create it (or run `sgid-bff migrate` as one that may).',
      { cause },
    );
  } finally {
    await migrator.end().catch(() => {});
  }

  const pool = new Pool({ ...clientSettings(options.url, timeout), max: options.poolSize ?? 10 });
  // An idle connection the server closed (restart, failover) is reported here and dropped by the pool;
  // without a listener it would be an uncaught 'error' event and end the process.
  pool.on('error', () => {});
  try {
    await pool.query('SELECT 1');
  } catch (cause) {
    await pool.end().catch(() => {});
    throw cannotConnect(options.url, cause, timeout);
  }

  const sql = statements(s);
  const run = <R extends object>(name: keyof typeof sql, values: unknown[]) =>
    pool.query<R>({ name: `sgid-bff-${name}`, text: sql[name], values });
  let closed = false;

  return {
    kind: 'postgres',
    async createTransaction(t, maxPerBrowser) {
      const keepOthers = Math.max(0, maxPerBrowser - 1);
      await run('createTx', [t.stateHash, t.bindingHash, t.payload, t.createdAt, t.expiresAt, keepOthers]);
    },
    async consumeTransaction(stateHash, bindingHash, now): Promise<ConsumeResult> {
      const { rows } = await run<{
        payload: string | null;
        created_at: Millis | null;
        expires_at: Millis | null;
        remaining: Millis;
        elsewhere: boolean;
      }>('consumeTx', [stateHash, bindingHash, now]);
      const row = rows[0];
      if (row === undefined || row.payload === null) {
        return row?.elsewhere ? { status: 'binding-mismatch' } : { status: 'missing' };
      }
      return {
        status: 'consumed',
        transaction: {
          stateHash,
          bindingHash,
          payload: row.payload,
          createdAt: Number(row.created_at),
          expiresAt: Number(row.expires_at),
        },
        remainingForBrowser: Number(row.remaining),
      };
    },
    async saveCallbackReceipt(r) {
      await run('saveReceipt', [r.stateHash, r.bindingHash, r.payload, r.expiresAt]);
    },
    async readCallbackReceipt(stateHash, now): Promise<StoredCallbackReceipt | undefined> {
      const { rows } = await run<{ binding_hash: string; payload: string; expires_at: Millis }>(
        'readReceipt',
        [stateHash, now],
      );
      const row = rows[0];
      return (
        row && {
          stateHash,
          bindingHash: row.binding_hash,
          payload: row.payload,
          expiresAt: Number(row.expires_at),
        }
      );
    },
    async createSession(x) {
      await run('createSession', [
        x.idHash,
        x.sub,
        x.payload,
        x.loginAt,
        x.idleExpiresAt,
        x.absoluteExpiresAt,
      ]);
    },
    async readSession(idHash, now) {
      const { rows } = await run<SessionRow>('readSession', [idHash, now]);
      return rows[0] && toSession(rows[0]);
    },
    async touchSession(idHash, idleExpiresAt, now) {
      return ((await run('touchSession', [idHash, idleExpiresAt, now])).rowCount ?? 0) > 0;
    },
    async deleteSession(idHash) {
      await run('deleteSession', [idHash]);
    },
    async listSessionsBySub(sub, now) {
      return (await run<SessionRow>('listBySub', [sub, now])).rows.map(toSession);
    },
    async deleteSessionsBySub(sub) {
      return (await run('deleteBySub', [sub])).rowCount ?? 0;
    },
    async incrementCounter(key, windowMs, now) {
      const { rows } = await run<{ count: number; reset_at: Millis }>('bumpCounter', [
        key,
        now,
        now + windowMs,
      ]);
      const row = rows[0];
      if (!row) throw new Error('counter upsert returned no row');
      return { count: row.count, resetAt: Number(row.reset_at) };
    },
    async sweep(now) {
      for (const [table, expiry] of SWEPT) {
        // ctid picks the physical rows the inner scan found; the outer expiry check re-tests a row that a
        // concurrent statement changed meanwhile, so a session touched back to life is never swept.
        const text = `DELETE FROM ${s}.${table} WHERE ctid IN (
          SELECT ctid FROM ${s}.${table} WHERE ${expiry} <= $1 LIMIT $2) AND ${expiry} <= $1`;
        for (let i = 0; i < maxBatches && !closed; i++) {
          const { rowCount } = await pool.query(text, [now, batch]);
          if ((rowCount ?? 0) < batch) break;
        }
      }
    },
    async ping() {
      await pool.query('SELECT 1');
    },
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}
