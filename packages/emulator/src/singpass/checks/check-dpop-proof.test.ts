import { createHash, generateKeyPairSync } from 'node:crypto';
import { type JWK, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { createReplayStore } from '../state/replay-store';
import { checkDpopProof, type DpopCheck } from './check-dpop-proof';

const NOW = 1_800_000_000;
const URL_ = 'https://sp.example/fapi/token';
const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const jwk = publicKey.export({ format: 'jwk' }) as JWK;

async function proof(
  claims: Record<string, unknown> = {},
  header: Record<string, unknown> = {},
): Promise<string> {
  return new SignJWT({ htm: 'POST', htu: URL_, iat: NOW, jti: crypto.randomUUID(), ...claims })
    .setProtectedHeader({ alg: 'ES256', typ: 'dpop+jwt', jwk, ...header })
    .sign(privateKey);
}

function check(header: string, overrides: Partial<DpopCheck> = {}) {
  return checkDpopProof({
    header,
    method: 'POST',
    url: URL_,
    now: NOW,
    replay: createReplayStore(() => NOW * 1000),
    requireExp: false,
    ...overrides,
  });
}

const invalid = (pattern: RegExp) =>
  expect.objectContaining({ oauthError: 'invalid_dpop_proof', description: expect.stringMatching(pattern) });

describe('checkDpopProof', () => {
  it('returns the RFC 7638 thumbprint of a valid proof', async () => {
    const { calculateJwkThumbprint } = await import('jose');
    await expect(check(await proof())).resolves.toEqual({ jkt: await calculateJwkThumbprint(jwk) });
  });
  it('refuses a wrong typ, a private jwk and two headers', async () => {
    await expect(check(await proof({}, { typ: 'JWT' }))).rejects.toThrow(invalid(/typ/));
    const privateJwk = privateKey.export({ format: 'jwk' }) as JWK;
    await expect(check(await proof({}, { jwk: privateJwk }))).rejects.toThrow(invalid(/public/));
    const one = await proof();
    await expect(check(`${one}, ${one}`)).rejects.toThrow(invalid(/one DPoP/));
  });
  it('compares htm exactly and htu without query or fragment', async () => {
    await expect(check(await proof({ htm: 'GET' }))).rejects.toThrow(invalid(/htm/));
    await expect(check(await proof({ htu: `${URL_}?a=1#f` }))).resolves.toBeDefined();
    await expect(check(await proof({ htu: 'https://sp.example/fapi/par' }))).rejects.toThrow(invalid(/htu/));
  });
  it('keeps iat within [now − 120 s, now + 10 s]', async () => {
    await expect(check(await proof({ iat: NOW - 121 }))).rejects.toThrow(invalid(/old/));
    await expect(check(await proof({ iat: NOW + 11 }))).rejects.toThrow(invalid(/future/));
    await expect(check(await proof({ iat: NOW - 119 }))).resolves.toBeDefined();
  });
  it('checks exp when present, and requires it only under the toggle', async () => {
    await expect(check(await proof({ exp: NOW }))).rejects.toThrow(invalid(/expired/));
    await expect(check(await proof({ exp: NOW + 121 }))).rejects.toThrow(invalid(/120/));
    await expect(check(await proof(), { requireExp: true })).rejects.toThrow(invalid(/exp/));
    await expect(check(await proof({ exp: NOW + 60 }), { requireExp: true })).resolves.toBeDefined();
  });
  it('refuses a replayed jti for the same key, and everything under the dpop-replayed fault', async () => {
    const replay = createReplayStore(() => NOW * 1000);
    const one = await proof();
    await check(one, { replay });
    await expect(check(one, { replay })).rejects.toThrow(invalid(/used before/));
    await expect(check(await proof(), { forceReplay: true })).rejects.toThrow(invalid(/used before/));
  });
  it('requires ath = SHA-256 of the access token when a token is given', async () => {
    const ath = createHash('sha256').update('token-1').digest('base64url');
    await expect(check(await proof({ ath }), { accessToken: 'token-1' })).resolves.toBeDefined();
    await expect(check(await proof({ ath }), { accessToken: 'token-2' })).rejects.toThrow(invalid(/ath/));
  });
});
