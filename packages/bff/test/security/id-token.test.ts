import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createTestWorld,
  expectLoginFailedWith,
  loginWith,
  readSession,
  type TestWorld,
} from '../support/test-bff';

let world: TestWorld;
beforeEach(async () => {
  world = await createTestWorld({ provider: 'stub' });
});
afterEach(() => world.close());

async function expectLoginFailsWith(code: string) {
  const browser = world.browser();
  const nav = await loginWith(browser);
  expectLoginFailedWith(nav, code);
  expect((await readSession(browser)).authenticated).toBe(false);
  return nav;
}

describe('ID token checks', () => {
  it('id token with alg none is rejected', async () => {
    world.stub.behaviour.idTokenAlg = 'none';
    await expectLoginFailsWith('BFF_ID_TOKEN_ALG_REJECTED');
  });

  it('HS256 id token is rejected', async () => {
    world.stub.behaviour.idTokenAlg = 'HS256';
    await expectLoginFailsWith('BFF_ID_TOKEN_ALG_REJECTED');
  });

  it('id token signed by another key is rejected', async () => {
    world.stub.behaviour.signWithForeignKey = true;
    await expectLoginFailsWith('BFF_ID_TOKEN_SIGNATURE_INVALID');
  });

  it('id token with a kid the provider does not publish is rejected', async () => {
    world.stub.behaviour.kid = 'not-published';
    await expectLoginFailsWith('BFF_ID_TOKEN_SIGNATURE_INVALID');
  });

  it('wrong iss is rejected', async () => {
    world.stub.behaviour.claims = { iss: 'http://127.0.0.1:5156' };
    await expectLoginFailsWith('BFF_ID_TOKEN_INVALID');
  });

  it('an issuer with a different path or host is rejected', async () => {
    world.stub.behaviour.claims = { iss: 'https://api.id.gov.sg/v2' };
    await expectLoginFailsWith('BFF_ID_TOKEN_INVALID');
  });

  it('wrong aud is rejected', async () => {
    world.stub.behaviour.claims = { aud: 'another-client' };
    await expectLoginFailsWith('BFF_ID_TOKEN_INVALID');
  });

  it('several audiences without a matching azp are rejected', async () => {
    world.stub.behaviour.claims = { aud: ['test-client', 'another-client'] };
    await expectLoginFailsWith('BFF_ID_TOKEN_INVALID');
  });

  it('wrong nonce is rejected', async () => {
    world.stub.behaviour.claims = { nonce: 'A'.repeat(43) };
    await expectLoginFailsWith('BFF_ID_TOKEN_INVALID');
  });

  it('a missing nonce is rejected', async () => {
    world.stub.behaviour.omitClaims = ['nonce'];
    await expectLoginFailsWith('BFF_ID_TOKEN_INVALID');
  });

  it('expired id token is rejected', async () => {
    const now = Math.floor(world.clock.now() / 1000);
    world.stub.behaviour.claims = { iat: now - 400, exp: now - 60 };
    await expectLoginFailsWith('BFF_ID_TOKEN_INVALID');
  });

  it('an id token expired by less than the clock tolerance is accepted', async () => {
    const now = Math.floor(world.clock.now() / 1000);
    world.stub.behaviour.claims = { exp: now - 5 };
    const nav = await loginWith(world.browser());
    expect(nav.status).toBe(200);
  });

  it('an id token issued in the future is rejected', async () => {
    const now = Math.floor(world.clock.now() / 1000);
    world.stub.behaviour.claims = { iat: now + 3600, exp: now + 4000 };
    await expectLoginFailsWith('BFF_ID_TOKEN_INVALID');
  });

  it('an id token without sub is rejected', async () => {
    world.stub.behaviour.omitClaims = ['sub'];
    await expectLoginFailsWith('BFF_ID_TOKEN_INVALID');
  });

  it('the private detail goes to the log, not the page', async () => {
    world.stub.behaviour.claims = { aud: 'another-client' };
    const nav = await expectLoginFailsWith('BFF_ID_TOKEN_INVALID');
    expect(nav.url + nav.text).not.toContain('another-client');
    expect(world.logLines.join('\n')).toContain('ID token claim aud');
  });

  it('the JWKS is cached across logins', async () => {
    await loginWith(world.browser());
    await loginWith(world.browser());
    expect(world.stub.calls.jwks).toBe(1);
  });
});
