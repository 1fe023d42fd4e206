/**
 * Interop with an independent peer: a full login through the BFF against @opengovsg/mockpass 4.3.4,
 * which shares no code with the BFF (its own JOSE stack, its own deviations: SGID-PROTOCOL.md §10).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBffApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { createMemoryStore } from '../../src/store/memory-store';
import { getTestKeyPair } from '../support/keys';
import { MOCKPASS_PERSONA, type RunningMockPass, startMockPass } from '../support/mockpass';
import { createSimulatedInternet } from '../support/simulated-internet';
import {
  BFF_ORIGIN,
  createTestEnv,
  expectLoginFailedWith,
  loginWith,
  readSession,
} from '../support/test-bff';

let mockpass: RunningMockPass;
beforeAll(async () => {
  mockpass = await startMockPass(getTestKeyPair().publicPem);
});
afterAll(() => mockpass.stop());

async function createWorld(env: Record<string, string>) {
  const config = loadConfig(
    createTestEnv({ SGID_HOSTNAME: mockpass.origin, SGID_SCOPES: 'openid myinfo.name', ...env }),
  );
  // The BFF and the browser reach MockPass over real loopback HTTP; the BFF itself is in-process.
  const internet = createSimulatedInternet({ clock: Date.now, passThrough: true });
  const bff = await createBffApp(config, { store: createMemoryStore(), fetch: internet.fetch });
  internet.register(BFF_ORIGIN, bff);
  return { bff, browser: internet.createBrowser() };
}

describe('interop with MockPass', () => {
  it('a full login against MockPass shows the persona’s name with SGID_COMPAT=mockpass', async () => {
    const { bff, browser } = await createWorld({ SGID_COMPAT: 'mockpass' });
    try {
      const nav = await loginWith(browser, '/welcome');
      expect(nav.url).toBe(`${BFF_ORIGIN}/welcome`);
      expect(nav.status).toBe(200);
      const session = await readSession(browser);
      expect(session).toMatchObject({
        authenticated: true,
        sub: expect.stringMatching(/^u=/),
        data: { 'myinfo.name': MOCKPASS_PERSONA.name },
      });
      // MockPass always sends the NRIC; the BFF keeps only what it asked for.
      expect(Object.keys(session.data as object)).toEqual(['myinfo.name']);
    } finally {
      await bff.close();
    }
  });

  it('without compat the same login fails with the algorithm-allowlist code', async () => {
    const { bff, browser } = await createWorld({});
    try {
      const nav = await loginWith(browser);
      expectLoginFailedWith(nav, 'BFF_JWE_ALG_REJECTED');
      expect((await readSession(browser)).authenticated).toBe(false);
    } finally {
      await bff.close();
    }
  });
});
