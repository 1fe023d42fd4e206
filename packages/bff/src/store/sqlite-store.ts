/**
 * The default store: one SQLite file in `DATA_DIR`, WAL mode, prepared statements only. better-sqlite3 is
 * synchronous, so each method is one short critical section (atomic within the process; SQLite's locking
 * makes it atomic across processes sharing the file). `GET /auth/session` costs one indexed SELECT.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type {
  BffStore,
  ConsumeResult,
  StoredCallbackReceipt,
  StoredSession,
  StoredTransaction,
} from './store';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS sessions (
  id_hash TEXT PRIMARY KEY, sub TEXT NOT NULL, payload TEXT NOT NULL, login_at INTEGER NOT NULL,
  idle_expires_at INTEGER NOT NULL, absolute_expires_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS sessions_by_sub ON sessions (sub);
CREATE INDEX IF NOT EXISTS sessions_by_expiry ON sessions (idle_expires_at);
CREATE TABLE IF NOT EXISTS transactions (
  state_hash TEXT PRIMARY KEY, binding_hash TEXT NOT NULL, payload TEXT NOT NULL,
  created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS transactions_by_binding ON transactions (binding_hash, created_at);
-- transactions keep a rowid: it orders logins started in the same millisecond.
CREATE TABLE IF NOT EXISTS counters (key TEXT PRIMARY KEY, count INTEGER NOT NULL, reset_at INTEGER NOT NULL)
  WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS callback_receipts (
  state_hash TEXT PRIMARY KEY, binding_hash TEXT NOT NULL, payload TEXT NOT NULL, expires_at INTEGER NOT NULL
) WITHOUT ROWID;
`;

const SESSION_COLUMNS = `id_hash AS idHash, sub, payload, login_at AS loginAt, idle_expires_at AS idleExpiresAt,
  absolute_expires_at AS absoluteExpiresAt`;

export interface SqliteStoreOptions {
  /** A directory for `sgid-bff.sqlite`, or `:memory:`. */
  dataDir: string;
}

export function createSqliteStore(options: SqliteStoreOptions): BffStore {
  const file =
    options.dataDir === ':memory:' ? ':memory:' : path.join(ensureDir(options.dataDir), 'sgid-bff.sqlite');
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  // NORMAL is durable across application crashes in WAL mode; only an OS crash may lose the last commits.
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 2000');
  // SQLite's own default page cache (2 MB) rather than the 16 MB better-sqlite3 builds with: a session is
  // one indexed row, reads of cold rows come from the OS page cache, and the BFF's memory stays flat as
  // sessions accumulate (docs/performance.md, figure 6). No mmap: mapped pages would count as ours too.
  db.pragma('cache_size = -2000');
  db.exec(SCHEMA);

  const s = {
    insertTx: db.prepare(
      'INSERT OR REPLACE INTO transactions VALUES (@stateHash, @bindingHash, @payload, @createdAt, @expiresAt)',
    ),
    evictTx: db.prepare(`DELETE FROM transactions WHERE binding_hash = ? AND state_hash NOT IN
      (SELECT state_hash FROM transactions WHERE binding_hash = ? ORDER BY created_at DESC, rowid DESC LIMIT ?)`),
    takeTx: db.prepare(`DELETE FROM transactions WHERE state_hash = ? AND binding_hash = ? AND expires_at > ?
      RETURNING state_hash AS stateHash, binding_hash AS bindingHash, payload, created_at AS createdAt,
      expires_at AS expiresAt`),
    liveTx: db.prepare('SELECT 1 FROM transactions WHERE state_hash = ? AND expires_at > ?'),
    countTx: db.prepare('SELECT count(*) AS n FROM transactions WHERE binding_hash = ? AND expires_at > ?'),
    insertSession: db.prepare(`INSERT OR REPLACE INTO sessions VALUES
      (@idHash, @sub, @payload, @loginAt, @idleExpiresAt, @absoluteExpiresAt)`),
    // The hot path (every GET /auth/session): rows as arrays, which better-sqlite3 builds faster than
    // objects with named columns; the id hash is not read back, the caller has it.
    readSession: db
      .prepare(`SELECT sub, payload, login_at, idle_expires_at, absolute_expires_at FROM sessions
        WHERE id_hash = ? AND idle_expires_at > ?`)
      .raw(),
    touchSession: db.prepare(`UPDATE sessions SET idle_expires_at = min(?, absolute_expires_at)
      WHERE id_hash = ? AND idle_expires_at > ?`),
    deleteSession: db.prepare('DELETE FROM sessions WHERE id_hash = ?'),
    listBySub: db.prepare(`SELECT ${SESSION_COLUMNS} FROM sessions WHERE sub = ? AND idle_expires_at > ?`),
    deleteBySub: db.prepare('DELETE FROM sessions WHERE sub = ?'),
    bumpCounter: db.prepare(`INSERT INTO counters VALUES (@key, 1, @resetAt) ON CONFLICT (key) DO UPDATE SET
      count = CASE WHEN reset_at > @now THEN count + 1 ELSE 1 END,
      reset_at = CASE WHEN reset_at > @now THEN reset_at ELSE @resetAt END
      RETURNING count, reset_at AS resetAt`),
    sweepSessions: db.prepare('DELETE FROM sessions WHERE idle_expires_at <= ?'),
    sweepTx: db.prepare('DELETE FROM transactions WHERE expires_at <= ?'),
    sweepCounters: db.prepare('DELETE FROM counters WHERE reset_at <= ?'),
    saveReceipt: db.prepare(
      'INSERT OR REPLACE INTO callback_receipts VALUES (@stateHash, @bindingHash, @payload, @expiresAt)',
    ),
    readReceipt: db.prepare(`SELECT state_hash AS stateHash, binding_hash AS bindingHash, payload,
      expires_at AS expiresAt FROM callback_receipts WHERE state_hash = ? AND expires_at > ?`),
    sweepReceipts: db.prepare('DELETE FROM callback_receipts WHERE expires_at <= ?'),
    ping: db.prepare('SELECT 1'),
  };

  const createTx = db.transaction((t: StoredTransaction, max: number) => {
    s.insertTx.run(t);
    s.evictTx.run(t.bindingHash, t.bindingHash, max);
  });

  const consumeTx = db.transaction((stateHash: string, bindingHash: string, now: number): ConsumeResult => {
    const taken = s.takeTx.get(stateHash, bindingHash, now) as StoredTransaction | undefined;
    if (!taken) return s.liveTx.get(stateHash, now) ? { status: 'binding-mismatch' } : { status: 'missing' };
    const { n } = s.countTx.get(bindingHash, now) as { n: number };
    return { status: 'consumed', transaction: taken, remainingForBrowser: n };
  });

  return {
    kind: 'sqlite',
    async createTransaction(transaction, maxPerBrowser) {
      createTx(transaction, maxPerBrowser);
    },
    async consumeTransaction(stateHash, bindingHash, now) {
      return consumeTx(stateHash, bindingHash, now);
    },
    async saveCallbackReceipt(receipt) {
      s.saveReceipt.run(receipt);
    },
    async readCallbackReceipt(stateHash, now) {
      return s.readReceipt.get(stateHash, now) as StoredCallbackReceipt | undefined;
    },
    async createSession(session) {
      s.insertSession.run(session);
    },
    async readSession(idHash, now) {
      const row = s.readSession.get(idHash, now) as [string, string, number, number, number] | undefined;
      if (row === undefined) return undefined;
      const [sub, payload, loginAt, idleExpiresAt, absoluteExpiresAt] = row;
      return { idHash, sub, payload, loginAt, idleExpiresAt, absoluteExpiresAt };
    },
    async touchSession(idHash, idleExpiresAt, now) {
      return s.touchSession.run(idleExpiresAt, idHash, now).changes > 0;
    },
    async deleteSession(idHash) {
      s.deleteSession.run(idHash);
    },
    async listSessionsBySub(sub, now) {
      return s.listBySub.all(sub, now) as StoredSession[];
    },
    async deleteSessionsBySub(sub) {
      return s.deleteBySub.run(sub).changes;
    },
    async incrementCounter(key, windowMs, now) {
      return s.bumpCounter.get({ key, now, resetAt: now + windowMs }) as { count: number; resetAt: number };
    },
    async sweep(now) {
      s.sweepSessions.run(now);
      s.sweepTx.run(now);
      s.sweepCounters.run(now);
      s.sweepReceipts.run(now);
    },
    async ping() {
      s.ping.get();
    },
    async close() {
      if (db.open) db.close();
    },
  };
}

function ensureDir(dir: string): string {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dir;
}
