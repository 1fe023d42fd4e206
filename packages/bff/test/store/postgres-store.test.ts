/**
 * What only the PostgreSQL store has (the shared contract runs in store.test.ts): its schema migrations,
 * applied once however many instances start together; its sweep in bounded batches; atomic consumes
 * across separate connection pools (as across instances); and one clear line when it cannot open.
 * Fails (never skips) when no PostgreSQL answers at DATABASE_URL.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { connectPostgresClient } from '../../src/store/postgres-connect';
import {
  LATEST_SCHEMA_VERSION,
  MIGRATIONS,
  type Migration,
  migratePostgres,
  readSchemaVersion,
} from '../../src/store/postgres-migrations';
import { createPostgresStore } from '../../src/store/postgres-store';
import type { BffStore } from '../../src/store/store';
import {
  countRows,
  createTestSchema,
  dropSchemas,
  TEST_DATABASE_URL,
  withTestClient,
} from '../support/postgres';

const T0 = 1_700_000_000_000;
const schemas: string[] = [];
afterAll(() => dropSchemas(schemas));

function freshSchema(): string {
  const schema = createTestSchema();
  schemas.push(schema);
  return schema;
}

async function closeAll(stores: BffStore[]): Promise<void> {
  await Promise.all(stores.map((s) => s.close()));
}

describe('PostgreSQL schema migrations', () => {
  it('opening again applies nothing and keeps every row', async () => {
    const schema = freshSchema();
    const first = await createPostgresStore({ url: TEST_DATABASE_URL, schema });
    await first.createSession({
      idHash: 'k',
      sub: 's',
      payload: '{}',
      loginAt: T0,
      idleExpiresAt: T0 + 10,
      absoluteExpiresAt: T0 + 20,
    });
    await first.close();
    const second = await createPostgresStore({ url: TEST_DATABASE_URL, schema });
    expect(await second.readSession('k', T0 + 5)).toMatchObject({ sub: 's' });
    await second.close();
    expect(await countRows(schema, 'sgid_bff_schema')).toBe(MIGRATIONS.length);
    const client = await connectPostgresClient(TEST_DATABASE_URL, 2000, { forMigration: true });
    try {
      expect(await migratePostgres(client, schema)).toMatchObject({
        from: LATEST_SCHEMA_VERSION,
        to: LATEST_SCHEMA_VERSION,
        applied: [],
      });
      expect(await readSchemaVersion(client, schema)).toBe(LATEST_SCHEMA_VERSION);
      expect(await readSchemaVersion(client, freshSchema())).toBe(0);
    } finally {
      await client.end();
    }
  });

  it('four stores opening one empty schema at the same moment apply each migration once', async () => {
    const schema = freshSchema();
    const stores = await Promise.all(
      Array.from({ length: 4 }, () => createPostgresStore({ url: TEST_DATABASE_URL, schema })),
    );
    try {
      expect(await countRows(schema, 'sgid_bff_schema')).toBe(MIGRATIONS.length);
      await (stores[0] as BffStore).createTransaction(
        { stateHash: 's', bindingHash: 'b', payload: '{}', createdAt: T0, expiresAt: T0 + 60_000 },
        5,
      );
      expect((await (stores[3] as BffStore).consumeTransaction('s', 'b', T0)).status).toBe('consumed');
    } finally {
      await closeAll(stores);
    }
  });

  it('concurrent migrators wait for the advisory lock: a slow step runs once, the others see it done', async () => {
    const schema = freshSchema();
    // A later release's step that takes a while and would fail if run twice (CREATE TABLE, no IF NOT EXISTS).
    const slow: Migration = {
      version: LATEST_SCHEMA_VERSION + 1,
      name: 'slow test step',
      sql: (s) => `SELECT pg_sleep(0.3); CREATE TABLE ${s}.slow_step (id INTEGER)`,
    };
    const clients = await Promise.all(
      Array.from({ length: 3 }, () => connectPostgresClient(TEST_DATABASE_URL, 2000, { forMigration: true })),
    );
    try {
      const reports = await Promise.all(
        clients.map((c) => migratePostgres(c, schema, [...MIGRATIONS, slow])),
      );
      const applied = reports.flatMap((r) => r.applied.map((a) => a.version)).sort((a, b) => a - b);
      expect(applied).toEqual([...MIGRATIONS.map((m) => m.version), slow.version]);
      expect(reports.every((r) => r.to === slow.version)).toBe(true);
      expect(await countRows(schema, 'sgid_bff_schema')).toBe(MIGRATIONS.length + 1);
    } finally {
      await Promise.all(clients.map((c) => c.end()));
    }
  });

  it('a failing step is rolled back whole and reported with its version; the schema stays usable', async () => {
    const schema = freshSchema();
    const broken: Migration = {
      version: LATEST_SCHEMA_VERSION + 1,
      name: 'broken test step',
      sql: (s) => `CREATE TABLE ${s}.half_done (id INTEGER); SELECT no_such_function()`,
    };
    const client = await connectPostgresClient(TEST_DATABASE_URL, 2000, { forMigration: true });
    try {
      await expect(migratePostgres(client, schema, [...MIGRATIONS, broken])).rejects.toThrow(
        /^migration 2 \(broken test step\) failed: function no_such_function\(\) does not exist/,
      );
      expect(await readSchemaVersion(client, schema)).toBe(LATEST_SCHEMA_VERSION);
      const { rows } = await client.query('SELECT to_regclass($1) AS t', [`"${schema}".half_done`]);
      expect(rows[0]).toEqual({ t: null });
    } finally {
      await client.end();
    }
  });
});

describe('PostgreSQL store', () => {
  it('sweeps expired rows in bounded batches and keeps live ones', async () => {
    const schema = freshSchema();
    const store = await createPostgresStore({
      url: TEST_DATABASE_URL,
      schema,
      sweepBatchSize: 100,
      sweepMaxBatches: 2,
    });
    try {
      await withTestClient((client) =>
        client.query(
          `INSERT INTO "${schema}".sessions SELECT 'old' || i, 'sub', '{}', $1::bigint, $1::bigint + 10, $1::bigint + 20
           FROM generate_series(1, 450) AS i`,
          [T0],
        ),
      );
      await store.createSession({
        idHash: 'live',
        sub: 'sub',
        payload: '{}',
        loginAt: T0,
        idleExpiresAt: T0 + 60_000,
        absoluteExpiresAt: T0 + 120_000,
      });
      await store.incrementCounter('ip', 1000, T0);
      // Two statements of 100 rows per table per sweep: the rest waits for the next one.
      await store.sweep(T0 + 1000);
      expect(await countRows(schema, 'sessions')).toBe(451 - 200);
      expect(await countRows(schema, 'counters')).toBe(0);
      await store.sweep(T0 + 1000);
      await store.sweep(T0 + 1000);
      expect(await countRows(schema, 'sessions')).toBe(1);
      expect(await store.readSession('live', T0 + 1000)).toMatchObject({ sub: 'sub' });
    } finally {
      await store.close();
    }
  });

  it('two connection pools racing to consume the same transactions: each has exactly one winner', async () => {
    const schema = freshSchema();
    const a = await createPostgresStore({ url: TEST_DATABASE_URL, schema });
    const b = await createPostgresStore({ url: TEST_DATABASE_URL, schema });
    try {
      const rounds = 25;
      for (let i = 0; i < rounds; i++)
        await a.createTransaction(
          { stateHash: `r${i}`, bindingHash: `b${i}`, payload: '{}', createdAt: T0, expiresAt: T0 + 60_000 },
          5,
        );
      const results = await Promise.all(
        Array.from({ length: rounds }, (_, i) =>
          Promise.all([
            a.consumeTransaction(`r${i}`, `b${i}`, T0),
            b.consumeTransaction(`r${i}`, `b${i}`, T0),
          ]),
        ),
      );
      for (const pair of results) {
        // The loser is told the transaction is gone, never that it belongs to another browser.
        expect(pair.map((r) => r.status).sort()).toEqual(['consumed', 'missing']);
      }
    } finally {
      await closeAll([a, b]);
    }
  });

  it('a callback from another browser racing the right one neither takes nor hides it', async () => {
    const schema = freshSchema();
    const a = await createPostgresStore({ url: TEST_DATABASE_URL, schema });
    const b = await createPostgresStore({ url: TEST_DATABASE_URL, schema });
    try {
      await a.createTransaction(
        { stateHash: 'x', bindingHash: 'mine', payload: '{}', createdAt: T0, expiresAt: T0 + 60_000 },
        5,
      );
      const [other, mine] = await Promise.all([
        b.consumeTransaction('x', 'theirs', T0),
        a.consumeTransaction('x', 'mine', T0),
      ]);
      expect(mine.status).toBe('consumed');
      expect(['binding-mismatch', 'missing']).toContain(other.status);
    } finally {
      await closeAll([a, b]);
    }
  });

  it('a PostgreSQL that refuses the connection is named, without its password, with the cause in plain words', async () => {
    const opening = createPostgresStore({ url: 'postgres://app:hunter2@127.0.0.1:1/db', timeoutMs: 500 });
    await expect(opening).rejects.toThrow(
      /^cannot connect to PostgreSQL at DATABASE_URL=postgres:\/\/app:\*\*\*@127\.0\.0\.1:1\/db: connection refused/,
    );
    await expect(opening).rejects.not.toThrow(/hunter2/);
    await expect(opening).rejects.toMatchObject({ variable: 'DATABASE_URL' });
  });

  it('a database that does not exist is reported in the server’s words', async () => {
    const url = new URL(TEST_DATABASE_URL);
    url.pathname = '/sgid_bff_no_such_database';
    await expect(createPostgresStore({ url: url.href })).rejects.toThrow(
      /DATABASE_URL=.*: database "sgid_bff_no_such_database" does not exist\./,
    );
  });
});
