/**
 * Connecting to PostgreSQL for the store, `sgid-bff migrate` and `doctor`, and saying in one line why it
 * failed. Rules:
 * - every wait is bounded by `DATABASE_TIMEOUT` (connect, each query), except the migration lock, which
 *   waits for another instance's migration to finish;
 * - the URL is printed without its password (`redactUrl`);
 * - the server's own words are kept when it answered (`database "x" does not exist`, `password
 *   authentication failed`), the network's plain words when it did not.
 */
import { Client, type ClientConfig } from 'pg';
import { describeNetworkError, redactUrl } from '../describe-network-error';
import { StoreOpenError } from './store-open-error';

/** How long a migration may wait for another instance holding the migration lock. */
const MIGRATION_LOCK_WAIT_MS = 60_000;

/** node-postgres settings shared by the store's pool and the one-off clients. */
export function clientSettings(url: string, timeoutMs: number): ClientConfig {
  return {
    connectionString: url,
    connectionTimeoutMillis: timeoutMs,
    // Client side: a paused or partitioned server never answers, and only this gives up on it.
    query_timeout: timeoutMs,
    // Server side: a query stuck behind a lock is cancelled there too, not only abandoned here.
    statement_timeout: timeoutMs,
    keepAlive: true,
    application_name: 'sgid-bff',
  };
}

/** A connected client of its own for migrations and checks; the caller ends it. */
export async function connectPostgresClient(
  url: string,
  timeoutMs: number,
  options: { forMigration?: boolean } = {},
): Promise<Client> {
  const settings = clientSettings(url, timeoutMs);
  const client = new Client(
    options.forMigration
      ? { ...settings, query_timeout: MIGRATION_LOCK_WAIT_MS, statement_timeout: MIGRATION_LOCK_WAIT_MS }
      : settings,
  );
  // An error after connecting (the server went away) surfaces on the next query; without a listener
  // node-postgres would throw it as an uncaught 'error' event.
  client.on('error', () => {});
  try {
    await client.connect();
  } catch (cause) {
    await client.end().catch(() => {});
    throw cannotConnect(url, cause, timeoutMs);
  }
  return client;
}

export function cannotConnect(url: string, cause: unknown, timeoutMs: number): StoreOpenError {
  return new StoreOpenError(
    'DATABASE_URL',
    `cannot connect to PostgreSQL at DATABASE_URL=${redactUrl(url)}: ${describePostgresError(cause, timeoutMs)}. ` +
      'Start PostgreSQL there, or set DATABASE_URL to a PostgreSQL that answers (or SESSION_STORE=sqlite for a single instance).',
    { cause },
  );
}

/** The reason in plain words: the server's message when it sent one, else the network's. */
export function describePostgresError(error: unknown, timeoutMs?: number): string {
  const server = error as { severity?: unknown; message?: unknown } | null;
  if (typeof server?.severity === 'string' && typeof server.message === 'string') return server.message;
  const message = error instanceof Error ? error.message : '';
  // node-postgres reports its own connect and query timeouts only in words.
  if (/timeout|timed out/i.test(message) && !/ETIMEDOUT/.test(message))
    return timeoutMs === undefined ? 'no answer in time' : `no answer within ${formatMs(timeoutMs)}`;
  if (/Connection terminated/i.test(message)) return 'the server closed the connection';
  return describeNetworkError(error, timeoutMs === undefined ? {} : { timeoutMs });
}

function formatMs(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}
