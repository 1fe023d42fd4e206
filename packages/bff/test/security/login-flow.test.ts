import { afterEach, describe, expect, it } from 'vitest';
import { STUB_SUB } from '../support/stub-provider';
import {
  BFF_ORIGIN,
  createTestWorld,
  EMULATOR_PERSONA,
  loginWith,
  readSession,
  type TestWorld,
} from '../support/test-bff';

let world: TestWorld;
afterEach(() => world.close());

describe('login flow', () => {
  it('a full login against the emulator lands on returnTo with a typed session', async () => {
    world = await createTestWorld();
    const browser = world.browser();
    const nav = await loginWith(browser, '/profile?tab=1');
    expect(nav.chain.map((h) => h.status)).toEqual([302, 302, 302, 200]);
    expect(nav.url).toBe(`${BFF_ORIGIN}/profile?tab=1`);
    const session = await readSession(browser);
    expect(session).toMatchObject({
      authenticated: true,
      sub: expect.any(String),
      data: { 'myinfo.name': EMULATOR_PERSONA.name, 'myinfo.date_of_birth': EMULATOR_PERSONA.dateOfBirth },
      scopes: ['openid', 'myinfo.name', 'myinfo.date_of_birth'],
    });
  });

  it('structured scopes arrive as typed values', async () => {
    world = await createTestWorld({
      env: { SGID_SCOPES: 'openid myinfo.registered_address myinfo.vehicles myinfo.children_birth_records' },
    });
    const browser = world.browser();
    await loginWith(browser);
    const { data } = (await readSession(browser)) as { data: Record<string, unknown> };
    expect(data['myinfo.vehicles']).toEqual([{ vehicle_number: 'SLA1234B' }]);
    expect(typeof data['myinfo.registered_address']).toBe('object');
    expect(Array.isArray(data['myinfo.children_birth_records'])).toBe(true);
  });

  it('a full login against the stub provider calls token and userinfo once each', async () => {
    world = await createTestWorld({ provider: 'stub' });
    const browser = world.browser();
    await loginWith(browser);
    expect(await readSession(browser)).toMatchObject({ authenticated: true, sub: STUB_SUB });
    expect(world.stub.calls).toMatchObject({ authorize: 1, token: 1, userinfo: 1 });
  });
});
