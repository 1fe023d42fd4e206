import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { decodeJwt, exportJWK, importJWK, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import type { ApiRoute } from '../config';
import type { StoredSession } from '../store/store';
import { createIdentityTokenSigner } from './identity-token';
import { createIdentityTokenCache, type IdentityTokenSource } from './identity-token-cache';
import type { SigningKey } from './signing-keys';

const ISSUER = 'https://bff.example.sg';
const TTL = 60;

async function signingKey(): Promise<SigningKey> {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  return { privateKey, alg: 'ES256', kid: 'test-kid', publicJwk: await exportJWK(publicKey) };
}

function session(idHash: string, overrides: Partial<StoredSession> = {}): StoredSession {
  return {
    idHash,
    sub: 'user-1',
    payload: JSON.stringify({ identity: { sub: 'user-1' }, data: { 'myinfo.name': 'TAN HENG HUAT' } }),
    loginAt: 0,
    idleExpiresAt: Number.MAX_SAFE_INTEGER,
    absoluteExpiresAt: Number.MAX_SAFE_INTEGER,
    ...overrides,
  };
}

const route = (prefix: string) =>
  ({
    prefix,
    upstream: 'http://127.0.0.1:4001',
    methods: ['GET'],
    claims: ['myinfo.name'],
  }) as unknown as ApiRoute;

async function world(maxEntries?: number) {
  const key = await signingKey();
  let now = 1_900_000_000_000;
  const cache = createIdentityTokenCache({ maxEntries });
  const signer = createIdentityTokenSigner({
    key,
    issuer: ISSUER,
    ttlSeconds: TTL,
    clock: () => now,
    random: (n) => randomBytes(n),
    cache,
  });
  const verify = async (token: string, audience: string) =>
    (
      await jwtVerify(token, await importJWK(key.publicJwk, 'ES256'), {
        issuer: ISSUER,
        audience,
        currentDate: new Date(now),
      })
    ).payload;
  return { cache, signer, verify, advance: (ms: number) => (now += ms) };
}

describe('identity token cache', () => {
  it('signs once per session and route, and the reused token still verifies with the same claims', async () => {
    const { signer, verify, cache } = await world();
    const a = session('hash-a');
    const first = await signer.sign(a, route('/api/one'));
    const again = await signer.sign({ ...a }, route('/api/one'));
    expect(again).toBe(first);
    const claims = await verify(again, `${ISSUER}/api/one`);
    expect(claims['myinfo.name']).toBe('TAN HENG HUAT');
    expect(claims.exp).toBe((claims.iat ?? 0) + TTL);
    // Another route of the same session: its own audience, so its own token.
    const other = await signer.sign(a, route('/api/two'));
    expect(other).not.toBe(first);
    expect((await verify(other, `${ISSUER}/api/two`)).aud).toBe(`${ISSUER}/api/two`);
    expect(cache.size).toBe(2);
  });

  it('never serves one session’s token to another session, even of the same user with the same data', async () => {
    const { signer } = await world();
    const a = await signer.sign(session('hash-a'), route('/api/one'));
    const b = await signer.sign(session('hash-b'), route('/api/one'));
    expect(b).not.toBe(a);
    expect(decodeJwt(b).sid).not.toBe(decodeJwt(a).sid);
    expect(decodeJwt(b).jti).not.toBe(decodeJwt(a).jti);
    // The cache's own check: an entry is never answered for a source whose session differs.
    const cache = createIdentityTokenCache();
    const source: IdentityTokenSource = { idHash: 'x', sub: 's', payload: 'p', roles: '' };
    cache.set(source, '/api/one', { token: 't', issuedAt: 100, expiresAt: 160 });
    expect(cache.get({ ...source, idHash: 'y' }, '/api/one', 101)).toBeUndefined();
    expect(cache.get(source, '/api/other', 101)).toBeUndefined();
    expect(cache.get(source, '/api/one', 101)).toBe('t');
  });

  it('signs again when the claims would differ: another subject, another payload or other granted roles', async () => {
    const { signer } = await world();
    const a = session('hash-a');
    const first = await signer.sign(a, route('/api/one'));
    const newData = { ...a, payload: a.payload.replace('TAN HENG HUAT', 'LIM AH KOW') };
    const second = await signer.sign(newData, route('/api/one'));
    expect(second).not.toBe(first);
    expect(decodeJwt(second)['myinfo.name']).toBe('LIM AH KOW');
    expect(await signer.sign({ ...newData, sub: 'user-2' }, route('/api/one'))).not.toBe(second);
    const roles = [{ eServiceId: 'EGOV', role: 'Approver' }];
    const withRoles = await signer.sign(newData, route('/api/one'), roles);
    expect(await signer.sign(newData, route('/api/one'), roles)).toBe(withRoles);
    expect(await signer.sign(newData, route('/api/one'), [{ eServiceId: 'EGOV', role: 'Viewer' }])).not.toBe(
      withRoles,
    );
  });

  it('refreshes a token before it expires: reused for the first half of its lifetime only', async () => {
    const { signer, advance, verify } = await world();
    const a = session('hash-a');
    const first = await signer.sign(a, route('/api/one'));
    advance(29_000);
    expect(await signer.sign(a, route('/api/one'))).toBe(first);
    advance(1_000); // 30 s: half the TTL
    const second = await signer.sign(a, route('/api/one'));
    expect(second).not.toBe(first);
    const claims = await verify(second, `${ISSUER}/api/one`);
    expect(claims.iat).toBe((decodeJwt(first).iat ?? 0) + 30);
    // A clock that went back does not make an old token look fresh.
    advance(-60_000);
    expect(await signer.sign(a, route('/api/one'))).not.toBe(second);
  });

  it('is bounded: the least recently used entry goes first', async () => {
    const { signer, cache } = await world(3);
    const tokens = [];
    for (const id of ['h1', 'h2', 'h3']) tokens.push(await signer.sign(session(id), route('/api/one')));
    expect(await signer.sign(session('h1'), route('/api/one'))).toBe(tokens[0]); // h1 is now the most recent
    await signer.sign(session('h4'), route('/api/one')); // drops h2
    expect(cache.size).toBe(3);
    expect(await signer.sign(session('h1'), route('/api/one'))).toBe(tokens[0]);
    expect(await signer.sign(session('h3'), route('/api/one'))).toBe(tokens[2]);
    expect(await signer.sign(session('h2'), route('/api/one'))).not.toBe(tokens[1]);
    expect(cache.size).toBe(3);
    for (let i = 0; i < 50; i++) await signer.sign(session(`many-${i}`), route('/api/one'));
    expect(cache.size).toBe(3);
    expect(() => createIdentityTokenCache({ maxEntries: -1 })).toThrow(/maxEntries/);
  });

  it('forgets a session’s tokens on logout or revoke, and a subject’s on revoke-by-subject', async () => {
    const { signer, cache } = await world();
    const a = session('hash-a');
    const b = session('hash-b');
    const c = session('hash-c', { sub: 'corppass:someone-else' });
    const a1 = await signer.sign(a, route('/api/one'));
    await signer.sign(a, route('/api/two'));
    const b1 = await signer.sign(b, route('/api/one'));
    const c1 = await signer.sign(c, route('/api/one'));
    expect(cache.size).toBe(4);
    cache.forgetSession('hash-a');
    expect(cache.size).toBe(2);
    expect(await signer.sign(a, route('/api/one'))).not.toBe(a1);
    expect(await signer.sign(b, route('/api/one'))).toBe(b1);
    cache.forgetSubject('user-1'); // a's new token and b's
    expect(cache.size).toBe(1);
    expect(await signer.sign(b, route('/api/one'))).not.toBe(b1);
    expect(await signer.sign(c, route('/api/one'))).toBe(c1);
  });

  it('without a cache, every call signs a new token', async () => {
    const key = await signingKey();
    const signer = createIdentityTokenSigner({
      key,
      issuer: ISSUER,
      ttlSeconds: TTL,
      clock: () => 1_900_000_000_000,
      random: (n) => randomBytes(n),
    });
    const a = session('hash-a');
    expect(await signer.sign(a, route('/api/one'))).not.toBe(await signer.sign(a, route('/api/one')));
  });
});
