/**
 * `sgid-emulator --config file.json --auto-approve NRIC` serves the Singpass provider too: a Login app's
 * PAR then `/auth` answers 302 with a code at once, and the banner names the Singpass issuer.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { bundleNodeEntry } from '../../../../scripts/lib/bundle.mjs';
import { freePort, waitForOutput } from '../../../../scripts/lib/processes.mjs';
import {
  createClientKeys,
  createDpopKey,
  createPkce,
  form,
  LOGIN_CLIENT_ID,
  loginClient,
  makeAssertion,
  parParams,
} from './fapi-fixtures';

const packageDir = fileURLToPath(new URL('../..', import.meta.url));
const children: ChildProcess[] = [];
const dirs: string[] = [];

afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

describe('sgid-emulator command with a Singpass client', () => {
  it('auto-approves a Singpass login given --auto-approve', async () => {
    const outDir = path.join(packageDir, '.tmp');
    await mkdir(outDir, { recursive: true });
    const main = path.join(outDir, 'main.singpass-test-bundle.mjs');
    await bundleNodeEntry({
      entryPoints: [path.join(packageDir, 'src/main.ts')],
      outfile: main,
      logLevel: 'silent',
    });
    const dir = await mkdtemp(path.join(tmpdir(), 'sgid-emulator-singpass-'));
    dirs.push(dir);
    const keys = await createClientKeys();
    const configFile = path.join(dir, 'config.json');
    await writeFile(configFile, JSON.stringify({ clients: [loginClient(keys)] }));
    const port = await freePort();
    const origin = `http://127.0.0.1:${port}`;
    const issuer = `${origin}/singpass/v3/fapi`;
    const child = spawn(
      process.execPath,
      [
        main,
        '--port',
        String(port),
        '--data-dir',
        dir,
        '--config',
        configFile,
        '--auto-approve',
        'S8234567A',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    children.push(child);
    const { output } = await waitForOutput(child, /data dir/, { timeoutMs: 15_000 });
    expect(output).toContain(`singpass      ${issuer}`);

    const dpop = await createDpopKey();
    const par = await fetch(`${issuer}/par`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        dpop: await dpop.proof('POST', `${issuer}/par`),
      },
      body: form(parParams(await makeAssertion(keys, { claims: { aud: issuer } }), createPkce().challenge)),
    });
    expect(par.status).toBe(201);
    const { request_uri } = (await par.json()) as { request_uri: string };
    const auth = await fetch(
      `${issuer}/auth?${new URLSearchParams({ client_id: LOGIN_CLIENT_ID, request_uri })}`,
      {
        redirect: 'manual',
      },
    );
    expect(auth.status).toBe(302);
    const location = new URL(auth.headers.get('location') ?? '');
    expect(location.searchParams.get('code')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(location.searchParams.get('iss')).toBe(issuer);

    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
