import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { createReplayStore } from '../state/replay-store';
import {
  createTestSingpassClient,
  TEST_CLIENT_JWKS,
  TEST_SIGNING_PRIVATE_KEY,
} from '../testing/singpass-client';
import { type AssertionCheck, checkClientAssertion } from './check-client-assertion';

const NOW = 1_800_000_000;
const ISSUER = 'https://sp.example/fapi';
const client = createTestSingpassClient();

async function sign(
  claims: Record<string, unknown> = {},
  header: Record<string, unknown> = {},
): Promise<string> {
  return new SignJWT({
    iss: client.id,
    sub: client.id,
    aud: ISSUER,
    iat: NOW,
    exp: NOW + 60,
    jti: crypto.randomUUID(),
    ...claims,
  })
    .setProtectedHeader({ alg: 'ES256', kid: 'sig-1', ...header })
    .sign(TEST_SIGNING_PRIVATE_KEY);
}

function check(assertion: string, overrides: Partial<AssertionCheck> = {}) {
  return checkClientAssertion({
    assertion,
    client,
    clientKeys: TEST_CLIENT_JWKS.keys,
    issuer: ISSUER,
    now: NOW,
    replay: createReplayStore(() => NOW * 1000),
    requireTyp: false,
    forceStale: false,
    ...overrides,
  });
}

const invalid = (pattern: RegExp) =>
  expect.objectContaining({ oauthError: 'invalid_client', description: expect.stringMatching(pattern) });

describe('checkClientAssertion', () => {
  it('accepts a valid assertion without typ, and with typ JWT', async () => {
    await expect(check(await sign())).resolves.toBeUndefined();
    await expect(check(await sign({}, { typ: 'JWT' }), { requireTyp: true })).resolves.toBeUndefined();
  });
  it('refuses a missing typ only under the toggle', async () => {
    await expect(check(await sign(), { requireTyp: true })).rejects.toThrow(invalid(/typ/));
  });
  it('refuses aud other than the issuer string', async () => {
    await expect(check(await sign({ aud: `${ISSUER}/token` }))).rejects.toThrow(invalid(/aud/));
  });
  it('refuses exp − iat over 120 s and an exp past the 30 s leeway', async () => {
    await expect(check(await sign({ exp: NOW + 121 }))).rejects.toThrow(invalid(/120/));
    await expect(check(await sign({ iat: NOW - 100, exp: NOW - 31 }))).rejects.toThrow(invalid(/expired/));
    await expect(check(await sign({ iat: NOW - 100, exp: NOW - 29 }))).resolves.toBeUndefined();
  });
  it('refuses iat or nbf more than 10 s ahead', async () => {
    await expect(check(await sign({ iat: NOW + 11, exp: NOW + 60 }))).rejects.toThrow(invalid(/future/));
    await expect(check(await sign({ nbf: NOW + 11 }))).rejects.toThrow(invalid(/nbf/));
  });
  it('refuses a replayed jti within its lifetime', async () => {
    const replay = createReplayStore(() => NOW * 1000);
    const assertion = await sign();
    await check(assertion, { replay });
    await expect(check(assertion, { replay })).rejects.toThrow(invalid(/used before/));
  });
  it('refuses everything under the assertion-stale fault', async () => {
    await expect(check(await sign(), { forceStale: true })).rejects.toThrow(invalid(/expired/));
  });
  it('refuses a non-JWS and an unknown kid', async () => {
    await expect(check('not-a-jwt')).rejects.toThrow(invalid(/JWS/));
    await expect(check(await sign({}, { kid: 'nope' }))).rejects.toThrow(invalid(/kid/));
  });
});
