/**
 * `@opengovsg/mockpass` 4.3.4 as an independent sgID peer: a child process on a free loopback port,
 * configured through its environment (SGID-PROTOCOL.md §10): our test client's public key, the persona
 * S9812381D (which has Myinfo data), no login page (authorize answers 302 with a code at once).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { stopProcess, waitForOutput } from '../../../../scripts/lib/processes.mjs';

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
  const { match } = await waitForOutput(child, /MOCKPASS_LISTENING (\d+)/, { name: 'MockPass' });
  return {
    origin: `http://127.0.0.1:${match[1]}`,
    stop: async () => {
      await stopProcess(child);
    },
  };
}
