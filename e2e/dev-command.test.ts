/**
 * `npm run dev` as a developer runs it (scripts/dev.mjs, here with --no-build since the e2e run builds
 * first): it prints the URL to open, on a line of its own, and that URL serves the SPA with the BFF
 * behind it.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../scripts/lib/processes.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
let child: ChildProcess | undefined;

afterAll(() => {
  // dev.mjs leads its own process group (Vite, the BFF, the emulator): end all of it if it is still there.
  if (child?.pid !== undefined && child.exitCode === null) {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {}
  }
});

describe('npm run dev', () => {
  it('prints the URL the user should open, and that URL serves the SPA with the BFF behind it', async () => {
    const [vitePort, bffPort, emulatorPort] = [await freePort(), await freePort(), await freePort()];
    child = spawn(process.execPath, [path.join(root, 'scripts', 'dev.mjs'), '--no-build'], {
      cwd: root,
      env: {
        ...process.env,
        VITE_PORT: String(vitePort),
        PORT: String(bffPort),
        EMULATOR_PORT: String(emulatorPort),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let output = '';
    child.stdout?.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr?.on('data', (chunk) => {
      output += chunk;
    });
    const appUrl = `http://localhost:${vitePort}`;
    const deadline = Date.now() + 60_000;
    while (!/^ {4}Open {2}http:\/\/localhost:\d+$/m.test(output)) {
      if (child.exitCode !== null) throw new Error(`dev.mjs exited ${child.exitCode}:\n${output}`);
      if (Date.now() > deadline) throw new Error(`no URL printed within 60 s:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(output).toMatch(new RegExp(`^ {4}Open {2}${appUrl}$`, 'm'));

    const page = await fetch(appUrl);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
    const session = await fetch(`${appUrl}/auth/session`, { headers: { 'x-csrf': '1' } });
    expect(await session.json()).toMatchObject({ authenticated: false });

    const exited = new Promise<number | null>((resolve) => child?.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
