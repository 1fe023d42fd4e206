/**
 * PostgreSQL for tests: `DATABASE_URL` (default the local `test` database), a fresh schema per store so
 * test files and tests never see each other's rows on the shared server, and clean-up of those schemas
 * only (never a whole database). `npm test` makes sure a server answers (scripts/lib/setup.mjs).
 */
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

export const TEST_DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export function createTestSchema(): string {
  return `sgid_bff_test_${process.pid}_${randomBytes(4).toString('hex')}`;
}

/** Run `fn` with a client of its own on `url`; fails with how to get a PostgreSQL when none answers. */
export async function withTestClient<T>(
  fn: (client: Client) => Promise<T>,
  url = TEST_DATABASE_URL,
): Promise<T> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  client.on('error', () => {});
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `No PostgreSQL answers at DATABASE_URL=${url} (${error instanceof Error ? error.message : String(error)}). ` +
        '`npm test` starts one when initdb and pg_ctl are installed (apt-get install postgresql); ' +
        'or set DATABASE_URL to a PostgreSQL database the tests may use.',
      { cause: error },
    );
  }
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => {});
  }
}

/** Drop the test schemas named (and everything in them). */
export async function dropSchemas(schemas: readonly string[], url = TEST_DATABASE_URL): Promise<void> {
  if (schemas.length === 0) return;
  await withTestClient(async (client) => {
    for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  }, url);
}

/** How many rows `table` of `schema` holds. */
export async function countRows(schema: string, table: string, url = TEST_DATABASE_URL): Promise<number> {
  return withTestClient(async (client) => {
    const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM "${schema}"."${table}"`);
    return Number(rows[0]?.n ?? 0);
  }, url);
}
