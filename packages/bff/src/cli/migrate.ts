/**
 * `sgid-bff migrate`: bring the PostgreSQL schema (`DATABASE_SCHEMA`) to this release's version and print
 * what was applied, one line per step. For deploys that migrate before starting instances (an init job),
 * or with a database user allowed DDL while the instances' user is not. Starting the BFF migrates too;
 * both hold the same advisory lock, so they never race. Exit 1 with one line when anything fails.
 */
import { ConfigError, loadConfig } from '../config';
import { redactUrl } from '../describe-network-error';
import { connectPostgresClient, describePostgresError } from '../store/postgres-connect';
import { LATEST_SCHEMA_VERSION, migratePostgres } from '../store/postgres-migrations';
import { StoreOpenError } from '../store/store-open-error';

export async function runMigrate(
  env: Readonly<Record<string, string | undefined>>,
  write: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
  writeError: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): Promise<number> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    writeError(error.message);
    return 1;
  }
  const { kind, databaseUrl, databaseSchema, databaseTimeoutMs } = config.store;
  if (kind !== 'postgres') {
    writeError(
      `sgid-bff migrate: SESSION_STORE=${kind} has no schema to migrate (it is for SESSION_STORE=postgres).`,
    );
    return 1;
  }
  const url = databaseUrl.reveal();
  try {
    const client = await connectPostgresClient(url, databaseTimeoutMs, { forMigration: true });
    try {
      const report = await migratePostgres(client, databaseSchema);
      for (const step of report.applied) write(`applied ${step.version}: ${step.name}`);
      const where = `schema ${databaseSchema} at DATABASE_URL=${redactUrl(url)}`;
      if (report.applied.length === 0) write(`${where} is up to date (version ${report.to})`);
      else write(`${where} migrated from version ${report.from} to ${report.to}`);
      if (report.to > LATEST_SCHEMA_VERSION)
        write(
          `note: the schema is ahead of this release (${LATEST_SCHEMA_VERSION}); steps only add, so it runs`,
        );
      return 0;
    } finally {
      await client.end().catch(() => {});
    }
  } catch (error) {
    writeError(
      error instanceof StoreOpenError
        ? `sgid-bff: ${error.message}`
        : `sgid-bff migrate: schema ${databaseSchema}: ${describePostgresError(error, databaseTimeoutMs)}`,
    );
    return 1;
  }
}
