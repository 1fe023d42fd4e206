import { afterEach, describe, expect, it } from 'vitest';
import { STUB_JWE } from '../support/stub-provider';
import {
  createTestWorld,
  expectLoginFailedWith,
  loginWith,
  readSession,
  type TestWorld,
} from '../support/test-bff';

let world: TestWorld;
afterEach(() => world.close());

async function setUp(env: Record<string, string> = {}) {
  world = await createTestWorld({ provider: 'stub', env });
  return world;
}

describe('userinfo checks', () => {
  it('userinfo sub mismatch fails the login', async () => {
    await setUp();
    world.stub.behaviour.userinfoSub = 'someone-else';
    const browser = world.browser();
    const nav = await loginWith(browser);
    expectLoginFailedWith(nav, 'BFF_USERINFO_SUB_MISMATCH');
    expect((await readSession(browser)).authenticated).toBe(false);
  });

  it('unexpected JWE algorithms are rejected without compat', async () => {
    await setUp();
    world.stub.behaviour.jwe = STUB_JWE.mockpass;
    const nav = await loginWith(world.browser());
    expectLoginFailedWith(nav, 'BFF_JWE_ALG_REJECTED');
  });

  it('field JWEs with a different algorithm than the key profile are rejected', async () => {
    await setUp({ SGID_COMPAT: 'mockpass' });
    world.stub.behaviour.jwe = { ...STUB_JWE.sgid, fieldAlg: 'dir', fieldEnc: 'A128GCM' };
    const nav = await loginWith(world.browser());
    expectLoginFailedWith(nav, 'BFF_JWE_ALG_REJECTED');
  });

  it('MockPass JWE algorithms are accepted with SGID_COMPAT=mockpass', async () => {
    await setUp({ SGID_COMPAT: 'mockpass' });
    world.stub.behaviour.jwe = STUB_JWE.mockpass;
    const browser = world.browser();
    expect((await loginWith(browser)).status).toBe(200);
    expect((await readSession(browser)).data).toMatchObject({ 'myinfo.name': 'TAN HENG HUAT' });
  });

  it('a field that fails to decrypt fails the login with a clear code', async () => {
    await setUp();
    world.stub.behaviour.corruptField = 'myinfo.date_of_birth';
    const nav = await loginWith(world.browser());
    expectLoginFailedWith(nav, 'BFF_USERINFO_DECRYPT_FAILED');
  });

  it('a value that breaks its catalogue format fails the login with BFF_USERINFO_INVALID', async () => {
    await setUp();
    world.stub.behaviour.data['myinfo.date_of_birth'] = 'last tuesday';
    const nav = await loginWith(world.browser());
    expectLoginFailedWith(nav, 'BFF_USERINFO_INVALID');
    expect(nav.url + nav.text).not.toContain('last tuesday');
  });

  it('NA becomes null and unknown scopes are kept verbatim', async () => {
    await setUp({ SGID_SCOPES: 'openid myinfo.name myinfo.date_of_birth myinfo.shoe_size' });
    world.stub.behaviour.data['myinfo.date_of_birth'] = 'NA';
    world.stub.behaviour.data['myinfo.shoe_size'] = '42';
    const browser = world.browser();
    await loginWith(browser);
    const session = await readSession(browser);
    expect(session.data).toEqual({ 'myinfo.name': 'TAN HENG HUAT', 'myinfo.date_of_birth': null });
    expect(session.unknownData).toEqual({ 'myinfo.shoe_size': '42' });
  });

  it('data that was not requested is dropped', async () => {
    await setUp({ SGID_SCOPES: 'openid myinfo.name' });
    const browser = world.browser();
    await loginWith(browser);
    const session = await readSession(browser);
    expect(Object.keys(session.data as object)).toEqual(['myinfo.name']);
  });

  it('an openid-only login has empty data', async () => {
    await setUp({ SGID_SCOPES: 'openid' });
    const browser = world.browser();
    await loginWith(browser);
    expect(await readSession(browser)).toMatchObject({ authenticated: true, data: {}, scopes: ['openid'] });
  });

  it('userinfo is called once per login', async () => {
    await setUp();
    await loginWith(world.browser());
    expect(world.stub.calls.userinfo).toBe(1);
    expect(world.stub.calls.token).toBe(1);
  });

  it('the session answers typed values, never JWE or raw JSON strings', async () => {
    await setUp();
    const browser = world.browser();
    await loginWith(browser);
    const text = JSON.stringify(await readSession(browser));
    expect(text).not.toMatch(/eyJ[A-Za-z0-9_-]+\./);
  });
});
