import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginWithProvider, providerFixtures } from '../support/provider-fixtures';
import type { SimulatedBrowser } from '../support/simulated-internet';
import { BFF_ORIGIN, type TestWorld } from '../support/test-bff';

const HOSTILE = [
  '//evil.example',
  '//evil.example/path',
  '/\\evil.example',
  '\\/evil.example',
  'https://evil.example',
  'http:evil.example',
  'evil.example',
  'javascript:alert(1)',
  '%2F%2Fevil.example',
  '/%2F%2Fevil.example',
  '/%2f%2fevil.example',
  '/%5Cevil.example',
  '/%252F%252Fevil.example',
  '/%09/evil.example',
  '/\t/evil.example',
  '/%0d%0aLocation:%20https://evil.example',
  '/\u0000',
  '///evil.example',
  '/.//evil.example/..',
];

describe.each(providerFixtures)('redirects ($name)', (fixture) => {
  let world: TestWorld;
  beforeAll(async () => {
    world = await fixture.createWorld({ env: { RATE_LIMIT_LOGIN: '1000', RATE_LIMIT_CALLBACK: '1000' } });
  });
  afterAll(() => world.close());
  const loginWith = (browser: SimulatedBrowser, returnTo?: string) =>
    loginWithProvider(fixture, browser, returnTo);
  it.each(HOSTILE)('returnTo %j is replaced by /', async (returnTo) => {
    const nav = await loginWith(world.browser(), returnTo);
    expect(nav.status).toBe(200);
    expect(new URL(nav.url).origin).toBe(BFF_ORIGIN);
    expect(nav.url).toBe(`${BFF_ORIGIN}/`);
  });

  it('returnTo //evil.example is replaced by /', async () => {
    const nav = await loginWith(world.browser(), '//evil.example');
    expect(nav.url).toBe(`${BFF_ORIGIN}/`);
  });

  it.each(['/profile', '/a/b?c=d#e', '/caf%C3%A9'])('local returnTo %j is kept', async (returnTo) => {
    const nav = await loginWith(world.browser(), returnTo);
    expect(nav.url).toBe(`${BFF_ORIGIN}${returnTo}`);
  });
});
