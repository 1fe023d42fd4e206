/**
 * Singpass (FAPI 2.0) logins end to end, in-process: the BFF's Singpass room against the emulator's strict
 * Singpass provider on the simulated internet (PAR, private_key_jwt, DPoP, encrypted ID token and
 * userinfo). The provider-blind properties run for Singpass in the parameterised suites
 * (transactions, sessions, redirects, CSRF: provider-fixtures.ts); here are the Singpass-specific ones.
 */
import { calculateJwkThumbprint, decodeJwt, decodeProtectedHeader, type JWK } from 'jose';
import { afterEach, describe, expect, it } from 'vitest';
import {
  BFF_ORIGIN,
  createTestWorld,
  EMULATOR_PERSONA,
  expectLoginFailedWith,
  readSession,
  SINGPASS_ISSUER,
  type TestWorld,
  type TestWorldOptions,
} from '../support/test-bff';

let world: TestWorld;
afterEach(() => world?.close());

async function singpassWorld(options: TestWorldOptions & { singpass: 'login' | 'myinfo' }) {
  world = await createTestWorld(options);
  return world;
}

function loginWithSingpass(returnTo = '/profile') {
  const browser = world.browser();
  const nav = browser.navigate(
    `${BFF_ORIGIN}/auth/login?provider=singpass&returnTo=${encodeURIComponent(returnTo)}`,
    { from: `${BFF_ORIGIN}/` },
  );
  return { browser, nav };
}

/** The DPoP proofs and client assertions the BFF sent to the emulator's Singpass endpoints. */
function recordFapiCalls(target: TestWorld) {
  const calls: Array<{ endpoint: string; dpop: string | null }> = [];
  target.internet.observe(({ url, headers }) => {
    // Only the BFF's DPoP-bound calls (PAR, token, userinfo): not discovery or the OP's JWKS, and not the
    // browser's navigation to the authorize page, which share the simulated internet.
    if (url.pathname.startsWith('/singpass/v3/fapi/') && headers.has('dpop'))
      calls.push({ endpoint: url.pathname.slice('/singpass/v3/fapi/'.length), dpop: headers.get('dpop') });
  });
  return calls;
}

async function thumbprintOf(proof: string): Promise<string> {
  const { jwk } = decodeProtectedHeader(proof);
  return calculateJwkThumbprint(jwk as JWK);
}

describe('Singpass logins against the strict Singpass emulator', () => {
  it('a Login app logs in: the session names Singpass, the UUID sub, sub_attributes by scope, acr and amr', async () => {
    await singpassWorld({ singpass: 'login' });
    const { browser, nav } = loginWithSingpass();
    expect((await nav).url).toBe(`${BFF_ORIGIN}/profile`);
    const session = await readSession(browser);
    expect(session).toMatchObject({
      authenticated: true,
      provider: 'singpass',
      appType: 'login',
      user: { identityNumber: EMULATOR_PERSONA.nric, name: EMULATOR_PERSONA.name, accountType: 'standard' },
      acr: 'urn:singpass:authentication:loa:2',
    });
    expect(session.sub).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(session.amr).toEqual(expect.arrayContaining([expect.any(String)]));
    expect(session).not.toHaveProperty('person');
  });

  it('a Myinfo app logs in: the person from userinfo, each item typed with its source', async () => {
    await singpassWorld({ singpass: 'myinfo' });
    const { browser, nav } = loginWithSingpass();
    expect((await nav).url).toBe(`${BFF_ORIGIN}/profile`);
    const session = await readSession(browser);
    expect(session).toMatchObject({
      provider: 'singpass',
      appType: 'myinfo',
      person: {
        uinfin: { available: true, value: EMULATOR_PERSONA.nric },
        name: { available: true, value: EMULATOR_PERSONA.name },
        dob: { available: true, value: EMULATOR_PERSONA.dateOfBirth },
      },
    });
  });

  it('a DPoP key is never reused across logins: two logins, two thumbprints, each used at PAR and token', async () => {
    await singpassWorld({ singpass: 'myinfo' });
    const calls = recordFapiCalls(world);
    await loginWithSingpass().nav;
    const first = calls.splice(0);
    await loginWithSingpass().nav;
    const byLogin = [first, calls];
    const thumbprints = [];
    for (const login of byLogin) {
      expect(login.map((c) => c.endpoint)).toEqual(['par', 'token', 'userinfo']);
      const prints = new Set(await Promise.all(login.map((c) => thumbprintOf(c.dpop ?? ''))));
      expect(prints.size).toBe(1);
      thumbprints.push([...prints][0]);
    }
    expect(thumbprints[0]).not.toBe(thumbprints[1]);
  });

  it('a DPoP proof is never reused: every call carries a fresh jti, exp = iat + 60 and the exact htu', async () => {
    await singpassWorld({ singpass: 'myinfo' });
    const calls = recordFapiCalls(world);
    await loginWithSingpass().nav;
    const proofs = calls.map((c) => decodeJwt(c.dpop ?? ''));
    expect(new Set(proofs.map((p) => p.jti)).size).toBe(proofs.length);
    for (const [index, proof] of proofs.entries()) {
      expect(proof.htu).toBe(`${SINGPASS_ISSUER}/${calls[index]?.endpoint}`);
      expect(Number(proof.exp) - Number(proof.iat)).toBe(60);
    }
    expect(proofs[2]?.ath).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('the browser carries only client_id and request_uri to Singpass', async () => {
    await singpassWorld({ singpass: 'login' });
    const browser = world.browser();
    const nav = await browser.navigate(`${BFF_ORIGIN}/auth/login?provider=singpass`, {
      from: `${BFF_ORIGIN}/`,
      stopBefore: (url) => url.pathname.endsWith('/fapi/auth'),
    });
    const authorize = new URL(nav.url);
    expect([...authorize.searchParams.keys()].sort()).toEqual(['client_id', 'request_uri']);
  });

  it('a Singpass transaction arriving on sgID’s redirect URI is refused, and the code never reaches sgID', async () => {
    await singpassWorld({ singpass: 'login' });
    const calls = recordFapiCalls(world);
    const tokenCalls: string[] = [];
    world.internet.observe(({ url }) => {
      if (url.pathname.endsWith('/token')) tokenCalls.push(url.pathname);
    });
    const browser = world.browser();
    const nav = await browser.navigate(`${BFF_ORIGIN}/auth/login?provider=singpass`, {
      from: `${BFF_ORIGIN}/`,
      stopBefore: (url) => url.pathname === '/auth/callback/singpass',
    });
    const mixedUp = new URL(nav.url);
    mixedUp.pathname = '/auth/callback';
    const landed = await browser.navigate(mixedUp.href, { from: 'http://127.0.0.1:5156/' });
    expect(new URL(landed.url).searchParams.get('error')).toBe('BFF_PROVIDER_MISMATCH');
    expect(calls.map((c) => c.endpoint)).toEqual(['par']);
    expect(tokenCalls).toEqual([]);
    expect((await readSession(browser)).authenticated).toBe(false);
  });

  it.each([
    ['wrong-iss', 'BFF_ID_TOKEN_INVALID'],
    ['enc-alg-swap', 'BFF_JWE_ALG_REJECTED'],
    ['dpop-key-mismatch', 'BFF_PROVIDER_ERROR'],
    ['server-error', 'BFF_PROVIDER_ERROR'],
    ['bad-signature', 'BFF_ID_TOKEN_SIGNATURE_INVALID'],
    ['wrong-nonce', 'BFF_ID_TOKEN_INVALID'],
    ['sub-mismatch', 'BFF_USERINFO_SUB_MISMATCH'],
  ] as const)('emulator fault %s fails the Singpass login with %s and no session', async (fault, code) => {
    await singpassWorld({ singpass: 'myinfo', faults: [fault] });
    const { browser, nav } = loginWithSingpass();
    expectLoginFailedWith(await nav, code);
    expect((await readSession(browser)).authenticated).toBe(false);
  });

  it.each([['dpop-replayed'], ['assertion-stale'], ['jwks-unreachable']] as const)(
    'emulator fault %s refuses the pushed request: the login does not start, with a stable code',
    async (fault) => {
      await singpassWorld({ singpass: 'login', faults: [fault] });
      const browser = world.browser();
      const response = await browser.fetch(`${BFF_ORIGIN}/auth/login`, {
        method: 'POST',
        headers: { 'x-csrf': '1', 'content-type': 'application/json' },
        body: JSON.stringify({ provider: 'singpass' }),
      });
      expect(response.status).toBe(502);
      expect(await response.json()).toMatchObject({ code: 'BFF_PROVIDER_ERROR' });
    },
  );

  it('a Singpass Foreign Account holder on a Myinfo app fails with a clear code (no Myinfo for SFA)', async () => {
    world = await createTestWorld({ singpass: 'myinfo', autoApprove: 'F8123456Q' });
    const { browser, nav } = loginWithSingpass();
    expectLoginFailedWith(await nav, 'BFF_PROVIDER_ERROR');
    expect((await readSession(browser)).authenticated).toBe(false);
  });
});

describe('GET /auth/providers', () => {
  it('lists the enabled providers and the default for the SPA, with the CSRF header only', async () => {
    await singpassWorld({ singpass: 'login', env: { DEFAULT_PROVIDER: 'singpass' } });
    const browser = world.browser();
    const refused = await browser.fetch(`${BFF_ORIGIN}/auth/providers`);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ code: 'BFF_CSRF_HEADER_MISSING' });
    const answered = await browser.fetch(`${BFF_ORIGIN}/auth/providers`, { headers: { 'x-csrf': '1' } });
    expect(answered.headers.get('cache-control')).toBe('no-store');
    expect(await answered.json()).toEqual({ providers: ['sgid', 'singpass'], default: 'singpass' });
  });
});
