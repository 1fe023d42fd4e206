/**
 * The `sgid-bff` command as an operator meets it: the bundled `main.ts` run as a real process. Every
 * failure an operator can fix is one line on stderr (never a stack trace) and a non-zero exit; `--help`
 * lists every option and every environment variable the config schema reads.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../../../scripts/lib/processes.mjs';
import { ENV_DEFAULTS } from '../../src/config';
import { bffEnv, buildBffEntry, removeBffEntry } from '../scale-out/processes';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
afterAll(() => removeBffEntry());

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Run `sgid-bff ...args` to its end (killed after `limitMs`, which the tests then see as a null code). */
async function runBff(args: string[], env: Record<string, string>, limitMs = 15_000): Promise<Run> {
  const file = await buildBffEntry();
  const started = performance.now();
  const child = spawn(process.execPath, [file, ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
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
  const timer = setTimeout(() => child.kill('SIGKILL'), limitMs);
  const code = await new Promise<number | null>((resolve) => child.once('close', (c) => resolve(c)));
  clearTimeout(timer);
  return { code, stdout, stderr, ms: performance.now() - started };
}

const STACK_LINE = /^\s+at /m;
/** Enough to pass the config loader; the provider is never called at start-up. */
const baseEnv = () => bffEnv('http://127.0.0.1:9');

describe('sgid-bff start-up failures', () => {
  it('SESSION_STORE=redis with Redis unreachable: one line naming REDIS_URL and the fix, no stack, exit 1', async () => {
    const port = await freePort(); // nothing listens there
    const url = `redis://ops:not-for-print@127.0.0.1:${port}`;
    const run = await runBff([], { ...baseEnv(), SESSION_STORE: 'redis', REDIS_URL: url, PORT: '0' });
    expect(run.code).toBe(1);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`REDIS_URL=redis://ops:***@127.0.0.1:${port}`);
    expect(lines[0]).toContain('connection refused');
    expect(lines[0]).toMatch(/Start Redis there, or set REDIS_URL/);
    expect(run.stderr).not.toMatch(STACK_LINE);
    expect(run.stderr + run.stdout).not.toContain('not-for-print');
    expect(run.stdout).not.toContain('sgid-bff ready');
    expect(run.ms).toBeLessThan(10_000); // it gives up rather than retrying for ever
  });

  it('a port already in use is one line naming PORT, no stack, exit 1', async () => {
    const { createServer } = await import('node:net');
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const address = taken.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    try {
      const run = await runBff([], { ...baseEnv(), SESSION_STORE: 'memory', PORT: String(port) });
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(
        `sgid-bff: cannot listen on HOST=127.0.0.1 PORT=${port}: the port is in use`,
      );
      expect(run.stderr).not.toMatch(STACK_LINE);
    } finally {
      taken.close();
    }
  });
});

describe('sgid-bff usage', () => {
  it('--help lists every command, option and environment variable, and exits 0', async () => {
    const run = await runBff(['--help'], {});
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage: sgid-bff/);
    for (const word of ['start', 'doctor', '-h, --help']) expect(run.stdout).toContain(word);
    for (const name of Object.keys(ENV_DEFAULTS)) expect(run.stdout).toMatch(new RegExp(`^  ${name} `, 'm'));
    expect(run.stdout).toMatch(/^ {2}SGID_CLIENT_ID +\(optional\)$/m);
    expect(run.stdout).toMatch(/^ {2}REDIS_URL +redis:\/\/127\.0\.0\.1:6379$/m);
  });

  it.each([
    [['--prot', '3000'], "sgid-bff: Unknown option '--prot'"],
    [['doctr'], "sgid-bff: unknown command 'doctr'"],
    [['doctor', 'now'], "sgid-bff: unexpected argument 'now'"],
    [['--help=yes'], 'sgid-bff: Option'],
  ])('a wrong flag or argument (%j) prints one line and the usage, no stack, exit 2', async (args, first) => {
    const run = await runBff(args, {});
    expect(run.code).toBe(2);
    const [line, ...rest] = run.stderr.split('\n');
    expect(line?.startsWith(first)).toBe(true);
    expect(rest.join('\n')).toMatch(/^Usage: sgid-bff/);
    expect(run.stderr).not.toMatch(STACK_LINE);
    expect(run.stdout).toBe('');
  });
});
