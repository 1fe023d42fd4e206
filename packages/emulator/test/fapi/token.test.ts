/**
 * Singpass token endpoint (SINGPASS-CORPPASS-FAPI.md §4.7–4.9; §8.2 rows 17–22).
 */
import type { FastifyInstance } from 'fastify';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createFakeClock } from '../helpers';
import {
  type ClientKeys,
  createClientKeys,
  createDpopKey,
  createSingpassEmulator,
  type DpopKey,
  ISSUER,
  LOGIN_CLIENT_ID,
  MYINFO_CLIENT_ID,
  makeAssertion,
  obtainCode,
  openNested,
  PATHS,
  postForm,
  REDIRECT_URI,
  tokenParams,
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

async function emulator(overrides: Parameters<typeof createSingpassEmulator>[1] = {}, deps = {}) {
  const app = await createSingpassEmulator(keys, overrides, deps);
  apps.push(app);
  return app;
}

async function redeem(
  app: FastifyInstance,
  dpop: DpopKey | undefined,
  code: string,
  verifier: string,
  overrides: Record<string, string | undefined> = {},
  now?: number,
) {
  return postForm(
    app,
    PATHS.token,
    await tokenParams(keys, code, verifier, overrides),
    dpop === undefined ? undefined : await dpop.proof('POST', url(PATHS.token), { now }),
  );
}

function expectError(
  response: { statusCode: number; json(): unknown; body: string },
  status: number,
  error: string,
) {
  expect(response.statusCode, response.body).toBe(status);
  expect(response.json()).toMatchObject({ error });
}

describe('Singpass token endpoint: success (rows 21, 22)', () => {
  it('answers no-store {access_token, id_token, token_type: DPoP} without expires_in or scope', async () => {
    const app = await emulator();
    const dpop = await createDpopKey();
    const { code, pkce } = await obtainCode(app, keys, dpop);
    const response = await redeem(app, dpop, code, pkce.verifier);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    const body = response.json() as Record<string, string>;
    expect(Object.keys(body).sort()).toEqual(['access_token', 'id_token', 'token_type']);
    expect(body.token_type).toBe('DPoP');
  });

  it('issues an ES256 access token bound by cnf.jkt to the DPoP key, valid 1800 s', async () => {
    const app = await emulator();
    const dpop = await createDpopKey();
    const { code, pkce } = await obtainCode(app, keys, dpop);
    const { access_token } = (await redeem(app, dpop, code, pkce.verifier)).json() as {
      access_token: string;
    };
    expect(decodeProtectedHeader(access_token)).toMatchObject({ alg: 'ES256' });
    const claims = decodeJwt(access_token);
    expect(claims.cnf).toEqual({ jkt: dpop.jkt });
    expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(1800);
  });

  it('encrypts the ID token to the client enc key: alg from the key, A256CBC-HS512, cty JWT, client kid', async () => {
    const app = await emulator();
    const dpop = await createDpopKey();
    const { code, pkce } = await obtainCode(app, keys, dpop, {
      scope: 'openid user.identity name email mobileno',
    });
    const { id_token } = (await redeem(app, dpop, code, pkce.verifier)).json() as { id_token: string };
    expect(decodeProtectedHeader(id_token)).toMatchObject({
      alg: 'ECDH-ES+A256KW',
      enc: 'A256CBC-HS512',
      cty: 'JWT',
      kid: 'enc-1',
    });
    const { claims } = await openNested(id_token, keys);
    expect(claims).toMatchObject({
      iss: ISSUER,
      aud: LOGIN_CLIENT_ID,
      sub_type: 'user',
      nonce: 'nonce-0123456789abcdefghijklmnopqrstuvwxyz',
      acr: 'urn:singpass:authentication:loa:2',
      amr: ['pwd', 'otp-sms'],
      sub_attributes: {
        account_type: 'standard',
        identity_number: 'S9812381D',
        identity_coi: 'SG',
        name: 'TAN HENG HUAT',
        email: 'tan.heng.huat@example.com',
        mobileno: '97399245',
      },
    });
    expect(Number.isInteger(claims.iat)).toBe(true);
    expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(600);
  });

  it('signs the inner ID token with ES256, typ JWT and the kid published in the JWKS', async () => {
    const app = await emulator();
    const dpop = await createDpopKey();
    const { code, pkce } = await obtainCode(app, keys, dpop);
    const { id_token } = (await redeem(app, dpop, code, pkce.verifier)).json() as { id_token: string };
    const { compactDecrypt } = await import('jose');
    const inner = new TextDecoder().decode(
      (await compactDecrypt(id_token, keys.encryption.privateKey)).plaintext,
    );
    const jwks = (await app.inject({ url: '/singpass/v3/fapi/.well-known/keys' })).json() as {
      keys: Array<{ kid: string }>;
    };
    expect(decodeProtectedHeader(inner)).toEqual({ alg: 'ES256', typ: 'JWT', kid: jwks.keys[0]?.kid });
  });

  it('leaves sub_attributes out when only openid was granted', async () => {
    const app = await emulator();
    const dpop = await createDpopKey();
    const { code, pkce } = await obtainCode(app, keys, dpop, { scope: 'openid' });
    const { id_token } = (await redeem(app, dpop, code, pkce.verifier)).json() as { id_token: string };
    const { claims } = await openNested(id_token, keys);
    expect(claims.sub_attributes).toBeUndefined();
  });

  it('gives an SFA holder account_type foreign, a foreign identity and no mobileno', async () => {
    const app = await emulator({ autoApprove: 'F8123456Q' });
    const dpop = await createDpopKey();
    const { code, pkce } = await obtainCode(app, keys, dpop, { scope: 'openid user.identity name mobileno' });
    const { id_token } = (await redeem(app, dpop, code, pkce.verifier)).json() as { id_token: string };
    const { claims } = await openNested(id_token, keys);
    expect(claims.sub_attributes).toEqual({
      account_type: 'foreign',
      identity_number: 'P7654321B',
      identity_coi: 'PH',
      name: 'ISABEL REYES DELA CRUZ',
    });
  });

  it('uses ECDH-ES direct and A128CBC-HS256 under the enc-alg-swap fault', async () => {
    const app = await emulator();
    await app.inject({
      method: 'PUT',
      url: `/debug/clients/${LOGIN_CLIENT_ID}/faults`,
      payload: { faults: ['enc-alg-swap'] },
    });
    const dpop = await createDpopKey();
    const { code, pkce } = await obtainCode(app, keys, dpop);
    const { id_token } = (await redeem(app, dpop, code, pkce.verifier)).json() as { id_token: string };
    expect(decodeProtectedHeader(id_token)).toMatchObject({ alg: 'ECDH-ES', enc: 'A128CBC-HS256' });
  });
});

describe('Singpass token endpoint: checks (rows 17–20)', () => {
  it('token endpoint rejects a request without a DPoP header with invalid_request', async () => {
    const app = await emulator();
    const dpop = await createDpopKey();
    const { code, pkce } = await obtainCode(app, keys, dpop);
    expectError(await redeem(app, undefined, code, pkce.verifier), 400, 'invalid_request');
  });
  it('token endpoint rejects grant_type other than authorization_code with unsupported_grant_type', async () => {
    const app = await emulator();
    const dpop = await createDpopKey();
    const { code, pkce } = await obtainCode(app, keys, dpop);
    expectError(
      await redeem(app, dpop, code, pkce.verifier, { grant_type: 'refresh_token' }),
      400,
      'unsupported_grant_type',
    );
  });
  it('token endpoint rejects an unknown code with invalid_grant', async () => {
    const app = await emulator();
    expectError(
      await redeem(app, await createDpopKey(), 'x'.repeat(43), 'v'.repeat(43)),
      400,
      'invalid_grant',
    );
  });
  it('token endpoint rejects a code older than 60 s with invalid_grant', async () => {
    const clock = createFakeClock(Date.now());
    const app = await emulator({}, { clock });
    const dpop = await createDpopKey();
    const { code, pkce } = await obtainCode(app, keys, dpop);
    clock.advance(60_001);
    const now = Math.floor(clock() / 1000);
    const response = await postForm(
      app,
      PATHS.token,
      {
        ...(await tokenParams(keys, code, pkce.verifier)),
        client_assertion: await makeAssertion(keys, { now }),
      },
      await dpop.proof('POST', url(PATHS.token), { now }),
    );
    expectError(response, 400, 'invalid_grant');
    expect(response.json()).toMatchObject({ error_description: expect.stringMatching(/expired/) });
  });
  it('token endpoint rejects a reused code with invalid_grant and revokes the access token it produced', async () => {
    const app = await emulator();
    const dpop = await createDpopKey();
    const { code, pkce } = await obtainCode(app, keys, dpop);
    const first = await redeem(app, dpop, code, pkce.verifier);
    const { access_token } = first.json() as { access_token: string };
    expectError(await redeem(app, dpop, code, pkce.verifier), 400, 'invalid_grant');
    const userinfo = await app.inject({
      url: PATHS.userinfo,
      headers: {
        authorization: `DPoP ${access_token}`,
        dpop: await dpop.proof('GET', url(PATHS.userinfo), { accessToken: access_token }),
      },
    });
    expect(userinfo.statusCode).toBe(401);
    expect(userinfo.json()).toMatchObject({ error: 'invalid_token' });
  });
  it("token endpoint rejects another client's code with invalid_grant", async () => {
    const app = await emulator();
    const dpop = await createDpopKey();
    const { code, pkce } = await obtainCode(app, keys, dpop);
    expectError(
      await redeem(app, dpop, code, pkce.verifier, {
        client_id: MYINFO_CLIENT_ID,
        client_assertion: await makeAssertion(keys, { clientId: MYINFO_CLIENT_ID }),
      }),
      400,
      'invalid_grant',
    );
  });
  it("token endpoint rejects a redirect_uri other than PAR's with invalid_grant", async () => {
    const app = await emulator();
    const dpop = await createDpopKey();
    const { code, pkce } = await obtainCode(app, keys, dpop);
    expectError(
      await redeem(app, dpop, code, pkce.verifier, { redirect_uri: `${REDIRECT_URI}?x=1` }),
      400,
      'invalid_grant',
    );
  });
  it('token endpoint rejects a code_verifier with characters outside Singpass charset with invalid_request', async () => {
    const app = await emulator();
    const dpop = await createDpopKey();
    const { code } = await obtainCode(app, keys, dpop);
    expectError(await redeem(app, dpop, code, `${'a'.repeat(42)}~`), 400, 'invalid_request');
  });
  it('token endpoint rejects a code_verifier that does not match the challenge with invalid_grant', async () => {
    const app = await emulator();
    const dpop = await createDpopKey();
    const { code } = await obtainCode(app, keys, dpop);
    expectError(await redeem(app, dpop, code, 'a'.repeat(43)), 400, 'invalid_grant');
  });
  it("token endpoint rejects a DPoP proof from another key than PAR's with invalid_grant", async () => {
    const app = await emulator();
    const { code, pkce } = await obtainCode(app, keys, await createDpopKey());
    expectError(await redeem(app, await createDpopKey(), code, pkce.verifier), 400, 'invalid_grant');
  });
  it("token endpoint answers invalid_dpop_proof for another key than PAR's under the dpopKeyMismatchError toggle", async () => {
    const app = await emulator({ singpass: { dpopKeyMismatchError: 'invalid_dpop_proof' } });
    const { code, pkce } = await obtainCode(app, keys, await createDpopKey());
    expectError(await redeem(app, await createDpopKey(), code, pkce.verifier), 400, 'invalid_dpop_proof');
  });
  it('token endpoint rejects a DPoP proof whose htu is the PAR endpoint', async () => {
    const app = await emulator();
    const dpop = await createDpopKey();
    const { code, pkce } = await obtainCode(app, keys, dpop);
    const response = await postForm(
      app,
      PATHS.token,
      await tokenParams(keys, code, pkce.verifier),
      await dpop.proof('POST', url(PATHS.par)),
    );
    expectError(response, 400, 'invalid_dpop_proof');
  });
  it('token endpoint rejects a client assertion replayed from PAR with invalid_client', async () => {
    const app = await emulator();
    const dpop = await createDpopKey();
    const { code, pkce } = await obtainCode(app, keys, dpop);
    const assertion = await makeAssertion(keys);
    expect((await redeem(app, dpop, code, pkce.verifier, { client_assertion: assertion })).statusCode).toBe(
      200,
    );
    expectError(
      await redeem(app, dpop, code, pkce.verifier, { client_assertion: assertion }),
      401,
      'invalid_client',
    );
  });
  it('token endpoint rejects a form without client authentication with invalid_client and 401', async () => {
    const app = await emulator();
    const dpop = await createDpopKey();
    const { code, pkce } = await obtainCode(app, keys, dpop);
    expectError(
      await redeem(app, dpop, code, pkce.verifier, { client_assertion: undefined }),
      401,
      'invalid_client',
    );
  });
});
