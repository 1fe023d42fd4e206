/**
 * The PostgreSQL store's schema, owned by the BFF and versioned in its own table. Rules:
 * - migrations are ordered SQL steps in code, each applied once in its own transaction together with the
 *   row that records it in `<schema>.sgid_bff_schema`;
 * - every run holds a session-level `pg_advisory_lock` keyed by the schema name, so instances that start
 *   at the same moment (or `sgid-bff migrate` during a deploy) apply each step exactly once;
 * - steps only add (tables, columns, indexes): an instance still running the previous release keeps
 *   working on the newer schema during a rolling deploy, so a database ahead of this code is accepted.
 * Everything lives in one schema (`DATABASE_SCHEMA`), so the BFF shares a database with nothing else's
 * tables in its way, and tests use a fresh schema each.
 */
import type { ClientBase } from 'pg';

export interface Migration {
  version: number;
  name: string;
  /** SQL for the schema `s`, already quoted. */
  sql: (s: string) => string;
}

/**
 * Times are epoch milliseconds in BIGINT, judged against the caller's clock (store.ts), so the database's
 * own clock and time zone never matter. Payloads are TEXT: opaque JSON the store never reads.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'sessions, transactions, counters, callback receipts',
    sql: (s) => `
CREATE TABLE ${s}.sessions (
  id_hash TEXT PRIMARY KEY, sub TEXT NOT NULL, payload TEXT NOT NULL, login_at BIGINT NOT NULL,
  idle_expires_at BIGINT NOT NULL, absolute_expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_by_sub ON ${s}.sessions (sub);
CREATE INDEX sessions_by_expiry ON ${s}.sessions (idle_expires_at);
-- seq orders logins of one browser started in the same millisecond (the per-browser cap keeps the newest).
CREATE TABLE ${s}.transactions (
  state_hash TEXT PRIMARY KEY, binding_hash TEXT NOT NULL, payload TEXT NOT NULL,
  created_at BIGINT NOT NULL, expires_at BIGINT NOT NULL, seq BIGINT GENERATED ALWAYS AS IDENTITY
);
CREATE INDEX transactions_by_binding ON ${s}.transactions (binding_hash, created_at);
CREATE INDEX transactions_by_expiry ON ${s}.transactions (expires_at);
CREATE TABLE ${s}.counters (key TEXT PRIMARY KEY, count INTEGER NOT NULL, reset_at BIGINT NOT NULL);
CREATE INDEX counters_by_expiry ON ${s}.counters (reset_at);
CREATE TABLE ${s}.callback_receipts (
  state_hash TEXT PRIMARY KEY, binding_hash TEXT NOT NULL, payload TEXT NOT NULL, expires_at BIGINT NOT NULL
);
CREATE INDEX callback_receipts_by_expiry ON ${s}.callback_receipts (expires_at);`,
  },
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS.at(-1)?.version ?? 0;

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** The schema name as an SQL identifier; only plain lower-case names are accepted (config checks too). */
export function quoteSchema(schema: string): string {
  if (!SCHEMA_NAME.test(schema)) throw new Error(`invalid schema name ${JSON.stringify(schema)}`);
  return `"${schema}"`;
}

export interface MigrationReport {
  schema: string;
  /** The version before this run (0: the schema was empty or missing). */
  from: number;
  /** The version after it. */
  to: number;
  applied: Array<{ version: number; name: string }>;
}

/**
 * Apply every pending migration under the advisory lock; safe to call from any number of instances. Runs
 * on a client of its own (not the store's pool): waiting for another instance's lock may take longer than
 * `DATABASE_TIMEOUT`, which bounds requests, not start-up.
 */
export async function migratePostgres(
  client: ClientBase,
  schema: string,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<MigrationReport> {
  const s = quoteSchema(schema);
  const lockKey = `sgid-bff:${schema}`;
  // A session lock, not a transaction one: each step commits on its own, and the lock spans them all.
  await client.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [lockKey]);
  try {
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${s}`);
    await client.query(`CREATE TABLE IF NOT EXISTS ${s}.sgid_bff_schema (
      version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())`);
    const from = await readVersion(client, s);
    const applied: MigrationReport['applied'] = [];
    for (const step of migrations) {
      if (step.version <= from) continue;
      await client.query('BEGIN');
      try {
        await client.query(step.sql(s));
        await client.query(`INSERT INTO ${s}.sgid_bff_schema (version, name) VALUES ($1, $2)`, [
          step.version,
          step.name,
        ]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw new Error(`migration ${step.version} (${step.name}) failed: ${messageOf(error)}`, {
          cause: error,
        });
      }
      applied.push({ version: step.version, name: step.name });
    }
    return { schema, from, to: Math.max(from, ...applied.map((a) => a.version)), applied };
  } finally {
    // Ending the connection would release the lock too; unlocking keeps a reused client clean.
    await client.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [lockKey]).catch(() => {});
  }
}

/** The schema's version without changing anything: 0 when it was never migrated (for `doctor`). */
export async function readSchemaVersion(client: ClientBase, schema: string): Promise<number> {
  const s = quoteSchema(schema);
  const { rows } = await client.query<{ present: boolean }>('SELECT to_regclass($1) IS NOT NULL AS present', [
    `${s}.sgid_bff_schema`,
  ]);
  return rows[0]?.present ? readVersion(client, s) : 0;
}

async function readVersion(client: ClientBase, s: string): Promise<number> {
  const { rows } = await client.query<{ v: number | null }>(
    `SELECT max(version) AS v FROM ${s}.sgid_bff_schema`,
  );
  return rows[0]?.v ?? 0;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
