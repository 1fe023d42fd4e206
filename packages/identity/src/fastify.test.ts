/** The Fastify hook in a real fastify app, against a real JWKS server on a loopback port. */
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getIdentity, requireIdentity } from './fastify';
import {
  AUDIENCE,
  bffClaims,
  createTestKey,
  ISSUER,
  type JwksServer,
  signToken,
  startJwksServer,
  type TestKey,
} from './test-support';

let key: TestKey;
let jwks: JwksServer;
let app: FastifyInstance;

beforeAll(async () => {
  key = await createTestKey('es-1');
  jwks = await startJwksServer([key]);
  app = Fastify();
  app.decorateRequest('identity', null);
  app.get('/health', async () => ({ ok: true }));
  await app.register(async (scope) => {
    scope.addHook('onRequest', requireIdentity({ jwksUrl: jwks.url, issuer: ISSUER, audience: AUDIENCE }));
    scope.get('/benefits/me', async (request) => {
      const identity = getIdentity(request);
      return { sub: identity.sub, provider: identity.provider, name: identity.data['myinfo.name'] };
    });
  });
  app.get(
    '/corppass-only',
    {
      onRequest: requireIdentity({ jwksUrl: jwks.url, issuer: ISSUER, audience: AUDIENCE }),
    },
    async (request) => {
      const identity = getIdentity(request);
      if (identity.provider !== 'corppass') return { entity: null };
      return { entity: identity.entity?.id, roles: identity.roles };
    },
  );
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await jwks.close();
});

const now = () => Math.floor(Date.now() / 1000);

describe('@sgid-bff/identity/fastify', () => {
  it('a valid token reaches the route in the guarded scope, which reads the typed identity', async () => {
    const token = await signToken(key, bffClaims(now()));
    const response = await app.inject({ url: '/benefits/me', headers: { authorization: `Bearer ${token}` } });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ sub: 'u8h3kq1z9x', provider: 'sgid', name: 'TAN HENG HUAT' });
  });

  it('no token: 401, a bare Bearer challenge, IDENTITY_TOKEN_MISSING; the route never runs', async () => {
    const response = await app.inject({ url: '/benefits/me' });
    expect(response.statusCode).toBe(401);
    expect(response.headers['www-authenticate']).toBe('Bearer');
    expect(response.json()).toEqual({
      code: 'IDENTITY_TOKEN_MISSING',
      message: 'The request carries no identity token.',
    });
  });

  it('a tampered token: 401 invalid_token IDENTITY_SIGNATURE_INVALID', async () => {
    const token = await signToken(key, bffClaims(now()));
    const [header, payload, signature] = token.split('.');
    const tampered = `${header}.${payload?.slice(0, -2)}${payload?.endsWith('AA') ? 'BB' : 'AA'}.${signature}`;
    const response = await app.inject({
      url: '/benefits/me',
      headers: { authorization: `Bearer ${tampered}` },
    });
    expect(response.statusCode).toBe(401);
    expect(response.headers['www-authenticate']).toMatch(/^Bearer error="invalid_token"/);
    expect(response.json()).toMatchObject({
      code: expect.stringMatching(/^IDENTITY_(SIGNATURE_INVALID|TOKEN_MALFORMED)$/),
    });
  });

  it('a route-level hook narrows to Corppass and reads entity and roles', async () => {
    const token = await signToken(
      key,
      bffClaims(now(), {
        provider: 'corppass',
        sub: 'corppass:201912345K',
        entity: { id: '201912345K' },
        act: { sub: 'uuid-1' },
        roles: [{ eService: 'EGOV-CUSTOMS', role: 'Approver' }],
      }),
    );
    const response = await app.inject({
      url: '/corppass-only',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.json()).toEqual({
      entity: '201912345K',
      roles: [{ eService: 'EGOV-CUSTOMS', role: 'Approver' }],
    });
  });

  it('routes outside the guarded scope are untouched', async () => {
    expect((await app.inject({ url: '/health' })).statusCode).toBe(200);
  });

  it('an unavailable JWKS: 503 IDENTITY_JWKS_UNAVAILABLE', async () => {
    const down = await startJwksServer([key]);
    down.behave('500');
    const local = Fastify();
    local.get(
      '/x',
      { onRequest: requireIdentity({ jwksUrl: down.url, issuer: ISSUER, audience: AUDIENCE }) },
      async () => ({ ok: true }),
    );
    try {
      const token = await signToken(key, bffClaims(now()));
      const response = await local.inject({ url: '/x', headers: { authorization: `Bearer ${token}` } });
      expect(response.statusCode).toBe(503);
      expect(response.json()).toMatchObject({ code: 'IDENTITY_JWKS_UNAVAILABLE' });
    } finally {
      await local.close();
      await down.close();
    }
  });
});
