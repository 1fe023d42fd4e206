import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestWorld, startLoginUntilCallback, type TestWorld } from '../support/test-bff';

let world: TestWorld;
let dataDir: string;
afterEach(async () => {
  await world.close().catch(() => {});
  rmSync(dataDir, { recursive: true, force: true });
});

describe('graceful shutdown', () => {
  it('close stops accepting, finishes the in-flight login, then closes the store', async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'sgid-bff-shutdown-'));
    world = await createTestWorld({
      provider: 'stub',
      storeFromConfig: true,
      env: { SESSION_STORE: 'sqlite', DATA_DIR: dataDir },
    });
    world.stub.behaviour.tokenDelayMs = 300;
    const browser = world.browser();
    const callback = new URL(await startLoginUntilCallback(browser, '/done'));
    const address = await world.bff.listen({ port: 0, host: '127.0.0.1' });
    const cookie = browser.jar.headerFor({
      url: callback,
      topLevelNavigation: true,
      crossSite: true,
      method: 'GET',
    });

    const inFlight = fetch(`${address}${callback.pathname}${callback.search}`, {
      headers: { cookie: cookie ?? '', accept: 'text/html' },
      redirect: 'manual',
    });
    // Close only once the callback is surely in flight: it is waiting on the (slow) token endpoint.
    while (world.stub.calls.token === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    const closing = world.bff.close();
    const response = await inFlight;
    await response.arrayBuffer();
    await closing;

    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/done');
    await expect(fetch(`${address}/healthz`)).rejects.toThrow();
    // The app owned its SQLite store and closed it: the last connection's close removes the WAL file.
    expect(existsSync(path.join(dataDir, 'sgid-bff.sqlite-wal'))).toBe(false);
    expect(existsSync(path.join(dataDir, 'sgid-bff.sqlite'))).toBe(true);
  });
});
