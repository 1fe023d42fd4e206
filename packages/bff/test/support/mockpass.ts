/**
 * `@opengovsg/mockpass` 4.3.4 as an independent sgID peer: a child process on a free loopback port,
 * configured through its environment (SGID-PROTOCOL.md §10): our test client's public key, the persona
 * S9812381D (which has Myinfo data), no login page (authorize answers 302 with a code at once).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface RunningMockPass {
  origin: string;
  stop: () => Promise<void>;
}

export const MOCKPASS_PERSONA = { nric: 'S9812381D', name: 'TAN HENG HUAT' };

export async function startMockPass(clientPublicKeyPem: string): Promise<RunningMockPass> {
  // An empty working directory: MockPass loads `.env` from its cwd.
  const dir = mkdtempSync(path.join(tmpdir(), 'sgid-bff-mockpass-'));
  const keyFile = path.join(dir, 'client.pub');
  writeFileSync(keyFile, clientPublicKeyPem);
  const launcher = fileURLToPath(new URL('./mockpass-launcher.cjs', import.meta.url));
  const child = spawn(process.execPath, [launcher], {
    cwd: dir,
    env: {
      PATH: process.env.PATH ?? '',
      NODE_PATH: fileURLToPath(new URL('../../../../node_modules', import.meta.url)),
      SERVICE_PROVIDER_PUB_KEY: keyFile,
      MOCKPASS_NRIC: MOCKPASS_PERSONA.nric,
      SHOW_LOGIN_PAGE: 'false',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const port = await waitForPort(child);
  return {
    origin: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

function waitForPort(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`MockPass did not start:\n${output}`)), 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /MOCKPASS_LISTENING (\d+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`MockPass exited with ${code}:\n${output}`));
    });
  });
}
