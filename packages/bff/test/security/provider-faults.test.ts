import { afterEach, describe, expect, it } from 'vitest';
import {
  createTestWorld,
  expectLoginFailedWith,
  loginWith,
  PROVIDER_ORIGIN,
  readSession,
  startLoginUntilCallback,
  type TestWorld,
  visitCallback,
} from '../support/test-bff';

let world: TestWorld;
afterEach(() => world.close());

describe('provider faults', () => {
  it('slow provider gives a clear error page within the timeout', async () => {
    world = await createTestWorld({ provider: 'stub', env: { SGID_TIMEOUT: '300ms' } });
    world.stub.behaviour.tokenDelayMs = 5000;
    const started = performance.now();
    const nav = await loginWith(world.browser());
    const elapsed = performance.now() - started;
    expectLoginFailedWith(nav, 'BFF_PROVIDER_TIMEOUT');
    expect(elapsed).toBeLessThan(2000);
  });

  it('a slow userinfo gives the timeout page too', async () => {
    world = await createTestWorld({ provider: 'stub', env: { SGID_TIMEOUT: '300ms' } });
    world.stub.behaviour.userinfoDelayMs = 5000;
    const nav = await loginWith(world.browser());
    expectLoginFailedWith(nav, 'BFF_PROVIDER_TIMEOUT');
  });

  it('a token endpoint error gives the provider-error page', async () => {
    world = await createTestWorld({ provider: 'stub' });
    world.stub.behaviour.tokenError = { status: 400, body: { error: 'invalid_grant' } };
    const browser = world.browser();
    const nav = await loginWith(browser);
    expectLoginFailedWith(nav, 'BFF_PROVIDER_ERROR');
    expect((await readSession(browser)).authenticated).toBe(false);
  });

  it('a provider that answers 500 HTML gives the provider-error page', async () => {
    world = await createTestWorld({ provider: 'stub' });
    world.stub.behaviour.tokenError = { status: 500, body: '<html>oops</html>' };
    const nav = await loginWith(world.browser());
    expectLoginFailedWith(nav, 'BFF_PROVIDER_ERROR');
  });

  it('an unreachable provider gives the unavailable page', async () => {
    world = await createTestWorld({ provider: 'stub' });
    const browser = world.browser();
    const callback = await startLoginUntilCallback(browser);
    world.internet.unregister(PROVIDER_ORIGIN);
    const nav = await visitCallback(browser, callback);
    expectLoginFailedWith(nav, 'BFF_PROVIDER_UNAVAILABLE');
  });
});
