/** The bin's config file (publicKey as PEM or path) and config validation through createEmulatorApp. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfigFile } from '../src/config/load-config-file';
import { createEmulatorApp, type EmulatorConfig, type EmulatorError } from '../src/index';
import { CLIENT_PUBLIC_KEY, createTestConfig } from './helpers';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'sgid-emulator-config-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const client = {
  id: 'a',
  secret: 's'.repeat(32),
  name: 'A',
  redirectUris: ['http://localhost:3000/auth/callback'],
  scopes: ['openid', 'myinfo.name'],
};

describe('config file', () => {
  it('reads a publicKey given as a path relative to the file', async () => {
    await writeFile(path.join(dir, 'a.pub.pem'), CLIENT_PUBLIC_KEY);
    const file = path.join(dir, 'config.json');
    await writeFile(
      file,
      JSON.stringify({ clients: [{ ...client, publicKey: 'a.pub.pem' }], faultDelayMs: 10 }),
    );
    const config = (await loadConfigFile(file)) as unknown as EmulatorConfig;
    expect(config.clients[0]).toMatchObject({ publicKey: CLIENT_PUBLIC_KEY });
    const app = await createEmulatorApp({ ...config, publicUrl: 'http://127.0.0.1:5156' });
    await app.close();
  });
  it('accepts a publicKey given as PEM text', async () => {
    const file = path.join(dir, 'inline.json');
    await writeFile(file, JSON.stringify({ clients: [{ ...client, publicKey: CLIENT_PUBLIC_KEY }] }));
    const config = (await loadConfigFile(file)) as unknown as EmulatorConfig;
    expect(config.clients[0]).toMatchObject({ publicKey: CLIENT_PUBLIC_KEY });
  });
  it('reports a missing key file and unknown keys together with every other problem', async () => {
    const file = path.join(dir, 'problems.json');
    await writeFile(
      file,
      JSON.stringify({
        clients: [{ ...client, publicKey: 'nope.pem', scopes: ['x'] }],
        autoAprove: 'S9812381D',
      }),
    );
    const config = (await loadConfigFile(file)) as unknown as EmulatorConfig;
    const error = (await createEmulatorApp({ ...config, publicUrl: 'http://127.0.0.1:5156' }).catch(
      (e: unknown) => e,
    )) as EmulatorError;
    expect(error.description).toMatch(/clients\.0\.publicKey: .*readable PEM file/);
    expect(error.description).toContain('clients.0.scopes.0');
    expect(error.description).toContain('autoAprove');
  });
  it('reports bad JSON clearly', async () => {
    const broken = path.join(dir, 'broken.json');
    await writeFile(broken, '{');
    await expect(loadConfigFile(broken)).rejects.toMatchObject({ code: 'EMU_CONFIG_INVALID' });
  });
});

describe('createEmulatorApp', () => {
  it('refuses an invalid configuration with every problem listed', async () => {
    const config = createTestConfig('not a url', { autoApprove: 'S0000000A', codeTtlMs: -1 });
    const error = (await createEmulatorApp(config).catch((e: unknown) => e)) as EmulatorError;
    expect(error.code).toBe('EMU_CONFIG_INVALID');
    expect(error.description).toContain('publicUrl');
    expect(error.description).toContain('autoApprove');
    expect(error.description).toContain('codeTtlMs');
  });
});
