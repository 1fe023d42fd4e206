/**
 * The `sgid-emulator` command: bundles `src/main.ts` (as the build does), starts it on a free port, checks
 * the banner and a live endpoint, then stops it with SIGTERM and expects a clean exit.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { bundleNodeEntry } from '../../../scripts/lib/bundle.mjs';
import { freePort, waitForOutput } from '../../../scripts/lib/processes.mjs';
import { CLI_OPTIONS } from '../src/cli/cli-options';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const outDir = path.join(packageDir, '.tmp');
const children: ChildProcess[] = [];
const dirs: string[] = [];

afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

async function bundleMain(): Promise<string> {
  await mkdir(outDir, { recursive: true });
  const outfile = path.join(outDir, 'main.test-bundle.mjs');
  await bundleNodeEntry({
    entryPoints: [path.join(packageDir, 'src', 'main.ts')],
    outfile,
    logLevel: 'silent',
  });
  return outfile;
}

describe('sgid-emulator command', () => {
  it('starts with a loud banner, serves, and exits 0 on SIGTERM', async () => {
    const main = await bundleMain();
    const port = await freePort();
    const dataDir = await mkdtemp(path.join(tmpdir(), 'sgid-emulator-cli-'));
    dirs.push(dataDir);
    const child = spawn(
      process.execPath,
      [main, '--port', String(port), '--data-dir', dataDir, '--auto-approve', 'S9812381D'],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    children.push(child);
    const { output: banner } = await waitForOutput(child, /data dir/, { timeoutMs: 15_000 });
    expect(banner).toContain('NOT sgID');
    expect(banner).toContain(`issuer        http://127.0.0.1:${port}/v2`);
    const jwks = await fetch(`http://127.0.0.1:${port}/v2/.well-known/jwks.json`);
    expect(jwks.status).toBe(200);
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('--port 0 picks a free port, names it in the issuer and the banner, and serves there', async () => {
    const main = await bundleMain();
    const dataDir = await mkdtemp(path.join(tmpdir(), 'sgid-emulator-cli-'));
    dirs.push(dataDir);
    const child = spawn(process.execPath, [main, '--port', '0', '--data-dir', dataDir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    const { output } = await waitForOutput(child, /data dir/, { timeoutMs: 15_000 });
    const port = Number(/listening on {2}http:\/\/127\.0\.0\.1:(\d+)/.exec(output)?.[1]);
    expect(port).toBeGreaterThan(0);
    expect(output).toContain(`issuer        http://127.0.0.1:${port}/v2`);
    const discovery = await fetch(`http://127.0.0.1:${port}/v2/.well-known/openid-configuration`);
    expect(((await discovery.json()) as { issuer: string }).issuer).toBe(`http://127.0.0.1:${port}/v2`);
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('reports every config problem and exits 1', async () => {
    const main = await bundleMain();
    const dataDir = await mkdtemp(path.join(tmpdir(), 'sgid-emulator-cli-'));
    dirs.push(dataDir);
    const args = [
      '--port',
      '0',
      '--auto-approve',
      'S0000000A',
      '--public-url',
      'ftp://x',
      '--data-dir',
      dataDir,
    ];
    const child = spawn(process.execPath, [main, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    const { output } = await waitForOutput(child, /autoApprove[\s\S]*|publicUrl[\s\S]*autoApprove/, {
      timeoutMs: 15_000,
    });
    const code = await new Promise<number | null>((resolve) =>
      child.exitCode === null ? child.once('exit', resolve) : resolve(child.exitCode),
    );
    expect(code).toBe(1);
    expect(output).toContain('publicUrl');
    expect(output).toContain('autoApprove');
  });
});

/** Run the bundled command to its end (SIGKILL after 15 s, seen as a null code). */
async function runToEnd(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const main = await bundleMain();
  const child = spawn(process.execPath, [main, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
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
  return { code, stdout, stderr };
}

const STACK_LINE = /^\s+at /m;

describe('sgid-emulator usage', () => {
  it('--help lists every option with its default, says it reads no environment variables, and exits 0', async () => {
    const { code, stdout } = await runToEnd(['--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage: sgid-emulator/);
    for (const name of Object.keys(CLI_OPTIONS)) expect(stdout).toMatch(new RegExp(`--${name}\\b`));
    expect(stdout).toContain('-h, --help');
    expect(stdout).toMatch(/--port PORT .*\(default 5156\)/);
    expect(stdout).toMatch(/--data-dir DIR .*\(default \.data\/emulator\)/);
    expect(stdout).toMatch(/Environment variables: none/);
  });

  it.each([
    [['--prot', '5156'], "sgid-emulator: Unknown option '--prot'"],
    [['--port', 'abc'], "sgid-emulator: --port must be 0-65535, not 'abc'"],
    [['--port', '70000'], "sgid-emulator: --port must be 0-65535, not '70000'"],
    [['--port'], "sgid-emulator: Option '--port <value>' argument missing"],
    [['--auto-approve', ''], 'sgid-emulator: --auto-approve needs a value'],
    [
      ['serve'],
      "sgid-emulator: Unexpected argument 'serve'. This command does not take positional arguments",
    ],
  ])('a wrong flag or value (%j) prints one line and the usage, no stack, exit 2', async (args, first) => {
    const { code, stdout, stderr } = await runToEnd(args);
    expect(code).toBe(2);
    const [line, ...rest] = stderr.split('\n');
    expect(line).toBe(first);
    expect(rest.join('\n')).toMatch(/^Usage: sgid-emulator/);
    expect(stderr).not.toMatch(STACK_LINE);
    expect(stdout).toBe('');
  });

  it('a port already in use is one line naming it, no stack, exit 1', async () => {
    const { createServer } = await import('node:net');
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const address = taken.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const dataDir = await mkdtemp(path.join(tmpdir(), 'sgid-emulator-cli-'));
    dirs.push(dataDir);
    try {
      const { code, stderr } = await runToEnd(['--port', String(port), '--data-dir', dataDir]);
      expect(code).toBe(1);
      expect(stderr.trim()).toBe(
        `sgid-emulator: cannot listen on 127.0.0.1:${port}: the port is in use (try --port)`,
      );
    } finally {
      taken.close();
    }
  });
});
