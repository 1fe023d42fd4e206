import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { STUB_SUB } from '../support/stub-provider';
import { BFF_ORIGIN, createTestWorld, loginWith, readSession, type TestWorld } from '../support/test-bff';

let world: TestWorld;
beforeEach(async () => {
  world = await createTestWorld();
});
afterEach(() => world.close());

describe('login flow', () => {
  it('a full login lands on returnTo with a typed session', async () => {
    const browser = world.browser();
    const nav = await loginWith(browser, '/profile?tab=1');
    expect(nav.chain.map((h) => h.status)).toEqual([302, 302, 302, 200]);
    expect(nav.url).toBe(`${BFF_ORIGIN}/profile?tab=1`);
    const session = await readSession(browser);
    expect(session).toMatchObject({
      authenticated: true,
      sub: STUB_SUB,
      data: { 'myinfo.name': 'TAN HENG HUAT', 'myinfo.date_of_birth': '1998-06-06' },
      scopes: ['openid', 'myinfo.name', 'myinfo.date_of_birth'],
    });
    expect(world.stub.calls.userinfo).toBe(1);
  });
});
