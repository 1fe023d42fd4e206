/**
 * Graceful shutdown of a real BFF process: SIGTERM while logins are in flight (sgID's token endpoint is
 * slow) — the server stops accepting, every in-flight login completes with its session, the store is
 * closed with everything written, and the process exits 0.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bffEnv,
  type EmulatorOnLoopback,
  HttpBrowser,
  removeBffEntry,
  startBffProcess,
  startEmulator,
} from '../scale-out/processes';
import { createTestPrefix, deleteKeysWithPrefix, TEST_REDIS_URL } from '../support/redis';

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

describe('graceful shutdown', () => {
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
