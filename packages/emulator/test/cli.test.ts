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
