/**
 * Singpass discovery, OP JWKS and client JWKS delivery (SINGPASS-CORPPASS-FAPI.md §2, §3; §8.1).
 */
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  type ClientKeys,
  createClientKeys,
  createDpopKey,
  createPkce,
  createSingpassEmulator,
  ISSUER,
  loginClient,
  makeAssertion,
  PATHS,
  PUBLIC_URL,
  parParams,
  postForm,
  url,
} from './fapi-fixtures';

let keys: ClientKeys;
const apps: FastifyInstance[] = [];
beforeAll(async () => {
  keys = await createClientKeys();
});
afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.close()));
});

async function emulator(
  ...args: Parameters<typeof createSingpassEmulator> extends [unknown, ...infer R] ? R : never
) {
  const app = await createSingpassEmulator(keys, ...args);
  apps.push(app);
  return app;
}

async function push(app: FastifyInstance) {
  return postForm(
    app,
    PATHS.par,
    parParams(await makeAssertion(keys), createPkce().challenge),
    await (await createDpopKey()).proof('POST', url(PATHS.par)),
  );
}

describe('Singpass discovery and keys', () => {
  it('publishes discovery at <issuer>/.well-known/openid-configuration with exactly what it enforces', async () => {
    const app = await emulator();
    const response = await app.inject({ url: '/singpass/v3/fapi/.well-known/openid-configuration' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      issuer: ISSUER,
      pushed_authorization_request_endpoint: `${ISSUER}/par`,
      authorization_endpoint: `${ISSUER}/auth`,
      token_endpoint: `${ISSUER}/token`,
      userinfo_endpoint: `${ISSUER}/userinfo`,
      jwks_uri: `${ISSUER}/.well-known/keys`,
      require_pushed_authorization_requests: true,
      authorization_response_iss_parameter_supported: true,
      response_types_supported: ['code'],
      grant_types_supported: ['authorization_code'],
      token_endpoint_auth_methods_supported: ['private_key_jwt'],
      token_endpoint_auth_signing_alg_values_supported: ['ES256', 'ES384', 'ES512'],
      dpop_signing_alg_values_supported: ['ES256', 'ES384', 'ES512'],
      id_token_signing_alg_values_supported: ['ES256'],
      id_token_encryption_alg_values_supported: ['ECDH-ES+A128KW', 'ECDH-ES+A192KW', 'ECDH-ES+A256KW'],
      id_token_encryption_enc_values_supported: ['A256CBC-HS512'],
      userinfo_encryption_enc_values_supported: ['A256GCM'],
      code_challenge_methods_supported: ['S256'],
    });
    expect(ISSUER).toBe(`${PUBLIC_URL}/singpass/v3/fapi`);
  });

  it('publishes one public ES256 P-256 key with kid and use sig', async () => {
    const app = await emulator();
    const jwks = (await app.inject({ url: '/singpass/v3/fapi/.well-known/keys' })).json() as {
      keys: Array<Record<string, unknown>>;
    };
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({
      kty: 'EC',
      crv: 'P-256',
      use: 'sig',
      alg: 'ES256',
      kid: expect.any(String),
    });
    expect(jwks.keys[0]).not.toHaveProperty('d');
  });

  it('fetches a client JWKS from jwksUri once and caches it', async () => {
    let fetches = 0;
    const fakeFetch = (async () => {
      fetches += 1;
      return new Response(JSON.stringify(keys.jwks), { headers: { 'content-type': 'application/json' } });
    }) as typeof fetch;
    const app = await emulator(
      { clients: [loginClient(keys, { jwks: undefined, jwksUri: 'https://rp.example/jwks.json' })] },
      { fetch: fakeFetch },
    );
    expect((await push(app)).statusCode).toBe(201);
    expect((await push(app)).statusCode).toBe(201);
    expect(fetches).toBe(1);
  });

  it('PAR answers server_error when the client jwksUri cannot be fetched', async () => {
    const failing = (async () => {
      throw new Error('connect ECONNREFUSED');
    }) as typeof fetch;
    const app = await emulator(
      { clients: [loginClient(keys, { jwks: undefined, jwksUri: 'https://rp.example/jwks.json' })] },
      { fetch: failing },
    );
    const response = await push(app);
    expect(response.statusCode).toBe(500);
    expect(response.json()).toMatchObject({ error: 'server_error', code: 'EMU_CLIENT_JWKS_UNREACHABLE' });
    expect(response.body).not.toContain('ECONNREFUSED');
  });

  it('PAR answers server_error when a fetched JWKS breaks the registration rules', async () => {
    const withPrivate = (async () =>
      new Response(JSON.stringify({ keys: [{ ...keys.jwks.keys[0], d: 'secret' }] }))) as typeof fetch;
    const app = await emulator(
      { clients: [loginClient(keys, { jwks: undefined, jwksUri: 'https://rp.example/jwks.json' })] },
      { fetch: withPrivate },
    );
    const response = await push(app);
    expect(response.statusCode).toBe(500);
    expect(response.json()).toMatchObject({ error: 'server_error' });
  });

  it('lists Singpass clients and accepts their faults in the debug API', async () => {
    const app = await emulator();
    const state = (await app.inject({ url: '/debug/state' })).json() as {
      singpassIssuer: string;
      singpassClients: unknown[];
    };
    expect(state.singpassIssuer).toBe(ISSUER);
    expect(state.singpassClients).toHaveLength(2);
    const put = await app.inject({
      method: 'PUT',
      url: '/debug/clients/spLoginClient0123456789abcdefABCD/faults',
      payload: { faults: ['dpop-replayed'] },
    });
    expect(put.json()).toEqual({ faults: ['dpop-replayed'] });
    const page = await app.inject({ url: '/debug' });
    expect(page.body).toContain('Singpass FAPI 2.0 clients');
    expect(page.body).toContain('spLoginClient0123456789abcdefABCD');
  });
});
