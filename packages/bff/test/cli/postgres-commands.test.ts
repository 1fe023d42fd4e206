/**
 * The operator's commands on the PostgreSQL store: `sgid-bff migrate` as a real process (what it applied,
 * idempotent, one line and exit 1 for a wrong store or an unreachable server), start-up against a
 * PostgreSQL that is not there (one line naming DATABASE_URL), and `doctor` reading the schema version
 * without migrating. Fails (never skips) when no PostgreSQL answers at DATABASE_URL.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../../../scripts/lib/processes.mjs';
import { runDoctor } from '../../src/cli/doctor';
import { LATEST_SCHEMA_VERSION } from '../../src/store/postgres-migrations';
import { bffEnv, buildBffEntry, removeBffEntry } from '../scale-out/processes';
import { countRows, createTestSchema, dropSchemas, TEST_DATABASE_URL } from '../support/postgres';
import { createTestEnv } from '../support/test-bff';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const schemas: string[] = [];
afterAll(async () => {
  await removeBffEntry();
  await dropSchemas(schemas);
});

function freshSchema(): string {
  const schema = createTestSchema();
  schemas.push(schema);
  return schema;
}

async function runBff(args: string[], env: Record<string, string>) {
  const file = await buildBffEntry();
  const started = performance.now();
  const child = spawn(process.execPath, [file, ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...bffEnv('http://127.0.0.1:9'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  const code = await new Promise<number | null>((resolve) => child.once('close', (c) => resolve(c)));
  clearTimeout(timer);
  return { code, stdout, stderr, ms: performance.now() - started };
}

const postgresEnv = (schema: string, url = TEST_DATABASE_URL) => ({
  SESSION_STORE: 'postgres',
  DATABASE_URL: url,
  DATABASE_SCHEMA: schema,
});
const STACK_LINE = /^\s+at /m;

describe('sgid-bff migrate', () => {
  it('applies every step to an empty schema, then finds it up to date', async () => {
    const schema = freshSchema();
    const first = await runBff(['migrate'], postgresEnv(schema));
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('applied 1: sessions, transactions, counters, callback receipts');
    expect(first.stdout).toContain(`schema ${schema} at DATABASE_URL=`);
    expect(first.stdout).toContain(`migrated from version 0 to ${LATEST_SCHEMA_VERSION}`);
    const again = await runBff(['migrate'], postgresEnv(schema));
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`is up to date (version ${LATEST_SCHEMA_VERSION})`);
    expect(await countRows(schema, 'sgid_bff_schema')).toBe(LATEST_SCHEMA_VERSION);
  });

  it('another store has nothing to migrate: one line, exit 1', async () => {
    const run = await runBff(['migrate'], { SESSION_STORE: 'sqlite' });
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toBe(
      'sgid-bff migrate: SESSION_STORE=sqlite has no schema to migrate (it is for SESSION_STORE=postgres).',
    );
  });

  it('an unreachable PostgreSQL: one line naming DATABASE_URL without its password, exit 1', async () => {
    const port = await freePort();
    const run = await runBff(
      ['migrate'],
      postgresEnv(freshSchema(), `postgres://ops:pw-secret@127.0.0.1:${port}/x`),
    );
    expect(run.code).toBe(1);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`DATABASE_URL=postgres://ops:***@127.0.0.1:${port}/x: connection refused`);
    expect(run.stderr + run.stdout).not.toContain('pw-secret');
  });

  it('--help lists the migrate command and the PostgreSQL variables', async () => {
    const run = await runBff(['--help'], {});
    expect(run.code).toBe(0);
    for (const word of [
      'migrate',
      'DATABASE_URL',
      'DATABASE_SCHEMA',
      'DATABASE_POOL_SIZE',
      'DATABASE_TIMEOUT',
    ])
      expect(run.stdout).toContain(word);
  });
});

describe('start-up on PostgreSQL', () => {
  it('SESSION_STORE=postgres with PostgreSQL unreachable: one line naming DATABASE_URL and the fix, no stack, exit 1', async () => {
    const port = await freePort();
    const run = await runBff([], {
      ...postgresEnv(freshSchema(), `postgres://ops:not-for-print@127.0.0.1:${port}/bff`),
      PORT: '0',
    });
    expect(run.code).toBe(1);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toBe(
      `sgid-bff: cannot connect to PostgreSQL at DATABASE_URL=postgres://ops:***@127.0.0.1:${port}/bff: ` +
        'connection refused: nothing is listening there. Start PostgreSQL there, or set DATABASE_URL to a ' +
        'PostgreSQL that answers (or SESSION_STORE=sqlite for a single instance).',
    );
    expect(run.stderr).not.toMatch(STACK_LINE);
    expect(run.stdout).not.toContain('sgid-bff ready');
    expect(run.ms).toBeLessThan(10_000);
  });
});

describe('sgid-bff doctor on PostgreSQL', () => {
  async function doctor(env: Record<string, string>) {
    const lines: string[] = [];
    const offline = async () => {
      throw new Error('offline');
    };
    await runDoctor(createTestEnv(env), { fetch: offline, write: (l) => lines.push(l) });
    return lines.join('\n');
  }

  it('reads the schema version without migrating', async () => {
    const schema = freshSchema();
    expect(await doctor(postgresEnv(schema))).toContain(
      `✔ store — postgres answers; schema ${schema} at version 0 of ${LATEST_SCHEMA_VERSION}: starting the BFF (or sgid-bff migrate) brings it up to date`,
    );
    expect((await runBff(['migrate'], postgresEnv(schema))).code).toBe(0);
    expect(await doctor(postgresEnv(schema))).toContain(
      `✔ store — postgres answers; schema ${schema} at version ${LATEST_SCHEMA_VERSION} (current)`,
    );
  });

  it('a PostgreSQL that refuses the connection fails the store check, naming DATABASE_URL', async () => {
    const port = await freePort();
    const text = await doctor(postgresEnv(freshSchema(), `postgres://u:pw-secret@127.0.0.1:${port}/db`));
    expect(text).toContain(
      `✖ store — cannot connect to PostgreSQL at DATABASE_URL=postgres://u:***@127.0.0.1:${port}/db: connection refused`,
    );
    expect(text).not.toContain('pw-secret');
  });
});
