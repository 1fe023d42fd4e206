import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIdentityVerifier, type IdentityVerifierOptions } from './create-identity-verifier';
import { IdentityConfigError, IdentityError, type IdentityErrorCode } from './errors';
import {
  AUDIENCE,
  b64,
  bffClaims,
  createTestKey,
  ISSUER,
  type JwksServer,
  signToken,
  startJwksServer,
  type TestKey,
} from './test-support';

let es: TestKey;
let rs: TestKey;
let server: JwksServer;
const nowSeconds = () => Math.floor(Date.now() / 1000);

beforeAll(async () => {
  es = await createTestKey('es-1', 'ES256');
  rs = await createTestKey('rs-1', 'RS256');
  server = await startJwksServer([es, rs]);
});
afterAll(() => server.close());

const verifierFor = (options: Partial<IdentityVerifierOptions> = {}) =>
  createIdentityVerifier({ jwksUrl: server.url, issuer: ISSUER, audience: AUDIENCE, ...options });

/** The code `promise` rejects with: an IdentityError, nothing else. */
async function codeOf(promise: Promise<unknown>): Promise<IdentityErrorCode> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(IdentityError);
  return (error as IdentityError).code;
}

describe('createIdentityVerifier', () => {
  it('verifies an ES256 token from an Authorization header into a typed sgID identity', async () => {
    const now = nowSeconds();
    const identity = await verifierFor().verify(`Bearer ${await signToken(es, bffClaims(now))}`);
    expect(identity).toMatchObject({
      provider: 'sgid',
      sub: 'u8h3kq1z9x',
      providerSub: 'u8h3kq1z9x',
      sessionId: 'sess_0123456789abcdef',
      issuer: ISSUER,
      audience: AUDIENCE,
      issuedAt: now,
      expiresAt: now + 60,
      tokenId: 'Jq3mV9x0c8p2Lr5tY7wZ1aB4dE6gH8jK0mN2pQ4sT6u',
      data: { 'myinfo.name': 'TAN HENG HUAT' },
    });
    // The data items are the route's claims only: none of the token's own claims.
    expect(Object.keys(identity.data)).toEqual(['myinfo.name']);
  });

  it('verifies an RS256 token, a bare token, and a lower-case scheme', async () => {
    const token = await signToken(rs, bffClaims(nowSeconds()));
    const verifier = verifierFor();
    expect((await verifier.verify(token)).sub).toBe('u8h3kq1z9x');
    expect((await verifier.verify(`bearer ${token}`)).sub).toBe('u8h3kq1z9x');
  });

  it('fetches the JWKS once and serves later tokens from its cache', async () => {
    const local = await startJwksServer([es]);
    try {
      const verifier = createIdentityVerifier({ jwksUrl: local.url, issuer: ISSUER, audience: AUDIENCE });
      for (let i = 0; i < 5; i++) await verifier.verify(await signToken(es, bffClaims(nowSeconds())));
      expect(local.fetches()).toBe(1);
    } finally {
      await local.close();
    }
  });

  it('key rotation: a token with an unknown kid makes it fetch the JWKS again and verify with the new key', async () => {
    const next = await createTestKey('es-2');
    const local = await startJwksServer([es]);
    try {
      const verifier = createIdentityVerifier({
        jwksUrl: local.url,
        issuer: ISSUER,
        audience: AUDIENCE,
        jwksCooldownMs: 0,
      });
      await verifier.verify(await signToken(es, bffClaims(nowSeconds())));
      expect(local.fetches()).toBe(1);
      local.publish([next, es]);
      const identity = await verifier.verify(await signToken(next, bffClaims(nowSeconds())));
      expect(identity.sub).toBe('u8h3kq1z9x');
      expect(local.fetches()).toBe(2);
      // The old key still verifies (both are published) without another fetch.
      await verifier.verify(await signToken(es, bffClaims(nowSeconds())));
      expect(local.fetches()).toBe(2);
    } finally {
      await local.close();
    }
  });

  it('an unknown kid within the cooldown is IDENTITY_UNKNOWN_KEY and does not refetch: random kids cannot flood the BFF', async () => {
    const stranger = await createTestKey('not-published');
    const local = await startJwksServer([es]);
    try {
      const verifier = createIdentityVerifier({ jwksUrl: local.url, issuer: ISSUER, audience: AUDIENCE });
      await verifier.verify(await signToken(es, bffClaims(nowSeconds())));
      for (let i = 0; i < 3; i++)
        expect(await codeOf(verifier.verify(await signToken(stranger, bffClaims(nowSeconds()))))).toBe(
          'IDENTITY_UNKNOWN_KEY',
        );
      expect(local.fetches()).toBe(1);
    } finally {
      await local.close();
    }
  });

  it('a token for another route (audience) is IDENTITY_WRONG_AUDIENCE; another issuer IDENTITY_WRONG_ISSUER', async () => {
    const other = await signToken(es, bffClaims(nowSeconds(), { aud: `${ISSUER}/api/other` }));
    expect(await codeOf(verifierFor().verify(other))).toBe('IDENTITY_WRONG_AUDIENCE');
    const foreign = await signToken(es, bffClaims(nowSeconds(), { iss: 'https://evil.example' }));
    expect(await codeOf(verifierFor().verify(foreign))).toBe('IDENTITY_WRONG_ISSUER');
    // An API serving several routes may accept several audiences.
    const both = verifierFor({ audience: [AUDIENCE, `${ISSUER}/api/other`] });
    expect((await both.verify(other)).audience).toBe(`${ISSUER}/api/other`);
  });

  it('expired past the 5 s tolerance is IDENTITY_TOKEN_EXPIRED; within it, accepted', async () => {
    const issued = nowSeconds() - 120;
    const token = await signToken(es, bffClaims(issued));
    const at = (seconds: number) => verifierFor({ now: () => (issued + seconds) * 1000 });
    expect(await codeOf(at(66).verify(token))).toBe('IDENTITY_TOKEN_EXPIRED');
    expect(await codeOf(verifierFor().verify(token))).toBe('IDENTITY_TOKEN_EXPIRED');
    expect((await at(64).verify(token)).sub).toBe('u8h3kq1z9x');
  });

  it('a token issued in the future (beyond the tolerance) is IDENTITY_TOKEN_NOT_YET_VALID', async () => {
    const token = await signToken(es, bffClaims(nowSeconds() + 30));
    expect(await codeOf(verifierFor().verify(token))).toBe('IDENTITY_TOKEN_NOT_YET_VALID');
  });

  it('a tampered payload or signature is IDENTITY_SIGNATURE_INVALID', async () => {
    const token = await signToken(es, bffClaims(nowSeconds()));
    const [header, , signature] = token.split('.');
    const forged = b64(bffClaims(nowSeconds(), { sub: 'someone-else' }));
    expect(await codeOf(verifierFor().verify(`${header}.${forged}.${signature}`))).toBe(
      'IDENTITY_SIGNATURE_INVALID',
    );
    const flipped = `${signature?.slice(0, -4)}${signature?.slice(-4) === 'AAAA' ? 'BBBB' : 'AAAA'}`;
    expect(await codeOf(verifierFor().verify(token.replace(/[^.]+$/, flipped)))).toBe(
      'IDENTITY_SIGNATURE_INVALID',
    );
  });

  it('alg "none" is refused: without a signature as malformed, with one as IDENTITY_ALGORITHM_NOT_ALLOWED', async () => {
    const unsigned = `${b64({ alg: 'none', kid: es.kid, typ: 'JWT' })}.${b64(bffClaims(nowSeconds()))}`;
    expect(await codeOf(verifierFor().verify(`${unsigned}.`))).toBe('IDENTITY_TOKEN_MALFORMED');
    expect(await codeOf(verifierFor().verify(`${unsigned}.c2lnbmF0dXJl`))).toBe(
      'IDENTITY_ALGORITHM_NOT_ALLOWED',
    );
  });

  it('HS256 signed with the public key as the secret (algorithm confusion) is IDENTITY_ALGORITHM_NOT_ALLOWED', async () => {
    for (const secret of [JSON.stringify(es.publicJwk), JSON.stringify(rs.publicJwk)]) {
      const input = `${b64({ alg: 'HS256', kid: es.kid, typ: 'JWT' })}.${b64(bffClaims(nowSeconds()))}`;
      const mac = createHmac('sha256', secret).update(input).digest('base64url');
      expect(await codeOf(verifierFor().verify(`${input}.${mac}`))).toBe('IDENTITY_ALGORITHM_NOT_ALLOWED');
    }
    // An allowlist narrowed to ES256 refuses the BFF's RS256 tokens too.
    const rsToken = await signToken(rs, bffClaims(nowSeconds()));
    expect(await codeOf(verifierFor({ algorithms: ['ES256'] }).verify(rsToken))).toBe(
      'IDENTITY_ALGORITHM_NOT_ALLOWED',
    );
  });

  it('a token without sub, sid, jti or iat is IDENTITY_CLAIMS_INVALID', async () => {
    for (const missing of ['sub', 'sid', 'jti', 'iat']) {
      const token = await signToken(es, bffClaims(nowSeconds(), { [missing]: undefined }));
      expect(await codeOf(verifierFor().verify(token)), missing).toBe('IDENTITY_CLAIMS_INVALID');
    }
    const emptySub = await signToken(es, bffClaims(nowSeconds(), { sub: '' }));
    expect(await codeOf(verifierFor().verify(emptySub))).toBe('IDENTITY_CLAIMS_INVALID');
  });

  it('no token is IDENTITY_TOKEN_MISSING; another scheme, junk, a header without kid, an oversized header are malformed', async () => {
    for (const value of [undefined, null, '', '   ', 'Bearer ', 'Bearer    '])
      expect(await codeOf(verifierFor().verify(value)), String(value)).toBe('IDENTITY_TOKEN_MISSING');
    const noKid = `${b64({ alg: 'ES256' })}.${b64(bffClaims(nowSeconds()))}.c2ln`;
    for (const value of [
      'Basic dXNlcjpwYXNz',
      'Bearer a.b',
      'Bearer not a token',
      'Bearer ey.ey.ey',
      `Bearer ${noKid}`,
      `Bearer ${'a'.repeat(9000)}.b.c`,
      `Bearer ${b64('x')}.${b64('y')}.c2ln`,
    ])
      expect(await codeOf(verifierFor().verify(value)), value.slice(0, 40)).toBe('IDENTITY_TOKEN_MALFORMED');
  });

  it('a JWKS that is unreachable, failing, not JSON or too slow is IDENTITY_JWKS_UNAVAILABLE (503), not a bad token', async () => {
    const token = await signToken(es, bffClaims(nowSeconds()));
    const local = await startJwksServer([es]);
    const deadUrl = local.url;
    await local.close();
    const dead = createIdentityVerifier({ jwksUrl: deadUrl, issuer: ISSUER, audience: AUDIENCE });
    const failure = await dead.verify(token).catch((e: unknown) => e as IdentityError);
    expect(failure).toMatchObject({ code: 'IDENTITY_JWKS_UNAVAILABLE', status: 503 });
    for (const mode of ['500', 'garbage', 'hang'] as const) {
      const flaky = await startJwksServer([es]);
      flaky.behave(mode);
      try {
        const verifier = createIdentityVerifier({
          jwksUrl: flaky.url,
          issuer: ISSUER,
          audience: AUDIENCE,
          jwksTimeoutMs: 300,
        });
        const started = performance.now();
        expect(await codeOf(verifier.verify(token)), mode).toBe('IDENTITY_JWKS_UNAVAILABLE');
        expect(performance.now() - started).toBeLessThan(2000);
        // Once the JWKS is back, the same verifier recovers.
        flaky.behave('ok');
        expect((await verifier.verify(token)).sub).toBe('u8h3kq1z9x');
      } finally {
        await flaky.close();
      }
    }
  });

  it('reads a Corppass token into entity, actor and roles, and a Singpass one into its UUID', async () => {
    const now = nowSeconds();
    const corppass = await verifierFor().verify(
      await signToken(
        es,
        bffClaims(now, {
          provider: 'corppass',
          sub: 'corppass:201912345K',
          'myinfo.name': undefined,
          entity: { id: '201912345K', type: 'UEN', name: 'HARBOURFRONT LOGISTICS PTE. LTD.' },
          act: { sub: 'a3f1c2d4-uuid', name: 'TAN HENG HUAT' },
          roles: [{ eService: 'EGOV-CUSTOMS', role: 'Approver' }],
        }),
      ),
    );
    if (corppass.provider !== 'corppass') throw new Error('expected a Corppass identity');
    expect(corppass.providerSub).toBe('201912345K');
    expect(corppass.entity).toEqual({
      id: '201912345K',
      type: 'UEN',
      name: 'HARBOURFRONT LOGISTICS PTE. LTD.',
    });
    expect(corppass.actor).toEqual({ sub: 'a3f1c2d4-uuid', name: 'TAN HENG HUAT' });
    expect(corppass.roles).toEqual([{ eService: 'EGOV-CUSTOMS', role: 'Approver' }]);
    expect(corppass.data).toEqual({});
    const singpass = await verifierFor().verify(
      await signToken(
        es,
        bffClaims(now, { provider: undefined, sub: 'singpass:0b2a-uuid', 'myinfo.name': undefined }),
      ),
    );
    expect(singpass).toMatchObject({ provider: 'singpass', providerSub: '0b2a-uuid' });
  });

  it('claims of the wrong shape are IDENTITY_CLAIMS_INVALID: nothing half-typed reaches the API', async () => {
    const cases: Array<Record<string, unknown>> = [
      { provider: 'myspace' },
      { provider: 'corppass' }, // an sgID-shaped sub
      { provider: 'singpass', sub: 'singpass:' },
      { provider: 'corppass', sub: 'corppass:1', roles: 'Approver' },
      { provider: 'corppass', sub: 'corppass:1', roles: [{ eService: 'X' }] },
      { provider: 'corppass', sub: 'corppass:1', entity: 'ACME' },
      { provider: 'corppass', sub: 'corppass:1', act: { name: 'no sub' } },
      { roles: [] }, // Corppass claims on an sgID identity
      { sid: 42 },
    ];
    for (const extra of cases) {
      const token = await signToken(es, bffClaims(nowSeconds(), extra));
      expect(await codeOf(verifierFor().verify(token)), JSON.stringify(extra)).toBe(
        'IDENTITY_CLAIMS_INVALID',
      );
    }
  });

  it('bad options are one IdentityConfigError listing every problem', () => {
    const attempt = () =>
      createIdentityVerifier({
        jwksUrl: 'ftp://x',
        issuer: '',
        audience: [],
        // @ts-expect-error HS256 is not an identity algorithm
        algorithms: ['HS256'],
        clockToleranceSeconds: -1,
      });
    expect(attempt).toThrow(IdentityConfigError);
    try {
      attempt();
    } catch (error) {
      expect((error as IdentityConfigError).problems).toHaveLength(5);
      expect((error as IdentityConfigError).code).toBe('IDENTITY_CONFIG_INVALID');
    }
  });
});
