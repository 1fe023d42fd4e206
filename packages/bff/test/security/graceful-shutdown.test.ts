/**
 * Graceful shutdown: a deploy does not cut logins in half. In process, `close()` stops accepting, finishes
 * the in-flight login, then closes the store. As a real BFF process, SIGTERM while logins are in flight
 * (sgID's token endpoint is slow): the server stops accepting, every in-flight login completes with its
 * session, the store is closed with everything written, and the process exits 0.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  bffEnv,
  type EmulatorOnLoopback,
  HttpBrowser,
  removeBffEntry,
  startBffProcess,
  startEmulator,
} from '../scale-out/processes';
import { createTestPrefix, deleteKeysWithPrefix, TEST_REDIS_URL } from '../support/redis';
import { createTestWorld, startLoginUntilCallback, type TestWorld } from '../support/test-bff';

describe('graceful shutdown', () => {
  describe('in process', () => {
    let world: TestWorld;
    let dataDir: string;
    afterEach(async () => {
      await world.close().catch(() => {});
      rmSync(dataDir, { recursive: true, force: true });
    });

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

  describe('a real BFF process', () => {
    const prefix = createTestPrefix();
    let emulator: EmulatorOnLoopback;
    beforeAll(async () => {
      emulator = await startEmulator({ slowTokenMs: 1000 });
    });
    afterAll(async () => {
      await emulator.app.close();
      await deleteKeysWithPrefix(prefix);
      await removeBffEntry();
    });

    it('SIGTERM during in-flight logins: all complete, new connections are refused, the process exits 0', async () => {
      const env = bffEnv(emulator.origin, {
        SESSION_STORE: 'redis',
        REDIS_URL: TEST_REDIS_URL,
        REDIS_KEY_PREFIX: prefix,
        TRUST_PROXY: 'loopback',
        LOG_LEVEL: 'info',
      });
      const bff = await startBffProcess(env);
      const browsers = Array.from({ length: 5 }, () => new HttpBrowser());
      const callbacks = await Promise.all(browsers.map((b) => b.loginUntilCallback(bff.url)));
      const started = performance.now();
      const inFlight = browsers.map((b, i) => b.request(`${bff.url}${callbacks[i]}`));
      await new Promise((resolve) => setTimeout(resolve, 300));
      bff.child.kill('SIGTERM');
      await new Promise((resolve) => setTimeout(resolve, 100));
      // No longer accepting: a new connection is refused (or, on a kept-alive one, answered 503).
      const late = await fetch(`${bff.url}/healthz`).then(
        (r) => r.status,
        () => 'refused',
      );
      expect([503, 'refused']).toContain(late);

      const responses = await Promise.all(inFlight);
      for (const response of responses) {
        expect(response.status).toBe(302);
        expect(response.headers.get('location')).toBe('/done');
      }
      expect(performance.now() - started).toBeGreaterThan(900); // they really were in flight
      expect(await bff.exited).toBe(0);
      expect(bff.output()).toContain('shut down cleanly');

      // Everything was written before the store closed: another instance serves those sessions.
      const next = await startBffProcess(env);
      try {
        for (const browser of browsers)
          expect(await browser.session(next.url)).toMatchObject({ authenticated: true });
      } finally {
        await next.stop();
      }
    });
  });
});
