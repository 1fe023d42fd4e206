/**
 * Singpass userinfo (SINGPASS-CORPPASS-FAPI.md §4.10, §4.11; §8.2 rows 23–26).
 */
import type { FastifyInstance } from 'fastify';
import { decodeProtectedHeader } from 'jose';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createFakeClock } from '../helpers';
import {
  type ClientKeys,
  createClientKeys,
  createDpopKey,
  createSingpassEmulator,
  type DpopKey,
  ISSUER,
  MYINFO_CLIENT_ID,
  obtainCode,
  openNested,
  PATHS,
  postForm,
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

const MYINFO = {
  client_id: MYINFO_CLIENT_ID,
  scope: 'openid uinfin name sex dob regadd mobileno email cpfbalances.oa',
  authentication_context_type: undefined,
};

/** A Myinfo app login up to its access token. */
async function signIn(overrides: Parameters<typeof createSingpassEmulator>[1] = {}, deps = {}) {
  const app = await createSingpassEmulator(keys, overrides, deps);
  apps.push(app);
  const dpop = await createDpopKey();
  const { code, pkce } = await obtainCode(app, keys, dpop, MYINFO);
  const token = await postForm(
    app,
    PATHS.token,
    await tokenParams(keys, code, pkce.verifier, { client_id: MYINFO_CLIENT_ID }),
    await dpop.proof('POST', url(PATHS.token)),
  );
  expect(token.statusCode, token.body).toBe(200);
  const { access_token } = token.json() as { access_token: string };
  return { app, dpop, accessToken: access_token };
}

async function userinfo(
  app: FastifyInstance,
  accessToken: string,
  dpop: DpopKey,
  options: {
    scheme?: string;
    proof?: Parameters<DpopKey['proof']>[2];
    method?: string;
    noProof?: boolean;
  } = {},
) {
  return app.inject({
    url: PATHS.userinfo,
    headers: {
      authorization: `${options.scheme ?? 'DPoP'} ${accessToken}`,
      ...(options.noProof === true
        ? {}
        : {
            dpop: await dpop.proof(options.method ?? 'GET', url(PATHS.userinfo), {
              accessToken,
              ...options.proof,
            }),
          }),
    },
  });
}

function expectChallenge(response: Awaited<ReturnType<typeof userinfo>>, error: string) {
  expect(response.statusCode, response.body).toBe(401);
  expect(response.json()).toMatchObject({ error });
  expect(response.headers['www-authenticate']).toMatch(new RegExp(`^DPoP error="${error}"`));
}

describe('Singpass userinfo', () => {
  it('answers 200 application/jwt: an A256GCM JWE of an ES256 JWS with sub, aud, iss, iat and person_info', async () => {
    const { app, dpop, accessToken } = await signIn();
    const response = await userinfo(app, accessToken, dpop);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/jwt/);
    expect(decodeProtectedHeader(response.body)).toMatchObject({
      alg: 'ECDH-ES+A256KW',
      enc: 'A256GCM',
      kid: 'enc-1',
    });
    const { claims } = await openNested(response.body, keys);
    expect(Object.keys(claims).sort()).toEqual(['aud', 'iat', 'iss', 'person_info', 'sub']);
    expect(claims).toMatchObject({ aud: MYINFO_CLIENT_ID, iss: ISSUER });
    const person = claims.person_info as Record<string, Record<string, unknown>>;
    expect(Object.keys(person).sort()).toEqual([
      'cpfbalances.oa',
      'dob',
      'email',
      'mobileno',
      'name',
      'regadd',
      'sex',
      'uinfin',
    ]);
    expect(person.sex).toMatchObject({
      code: 'M',
      desc: 'MALE',
      source: '1',
      classification: 'C',
      lastupdated: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
    });
    expect(person.regadd).toMatchObject({
      type: 'SG',
      block: { value: '102' },
      street: { value: 'BEDOK NORTH AVENUE 4' },
      floor: { value: '09' },
      unit: { value: '154' },
    });
    expect(person['cpfbalances.oa']).toMatchObject({ unavailable: true });
  });

  it('userinfo rejects a Bearer token with invalid_token and a DPoP challenge', async () => {
    const { app, dpop, accessToken } = await signIn();
    expectChallenge(await userinfo(app, accessToken, dpop, { scheme: 'Bearer' }), 'invalid_token');
  });
  it('userinfo rejects a request without Authorization with invalid_token', async () => {
    const { app } = await signIn();
    const response = await app.inject({ url: PATHS.userinfo });
    expectChallenge(response, 'invalid_token');
  });
  it('userinfo rejects a token it did not issue with invalid_token', async () => {
    const { app, dpop, accessToken } = await signIn();
    const [h, p] = accessToken.split('.');
    expectChallenge(
      await userinfo(app, `${h}.${p}.${Buffer.alloc(64).toString('base64url')}`, dpop),
      'invalid_token',
    );
  });
  it('userinfo rejects an access token older than 30 minutes with invalid_token', async () => {
    const clock = createFakeClock(Date.now());
    const { app, dpop, accessToken } = await signIn({}, { clock });
    clock.advance(1801_000);
    const now = Math.floor(clock() / 1000);
    expectChallenge(await userinfo(app, accessToken, dpop, { proof: { now } }), 'invalid_token');
  });
  it('userinfo rejects a DPoP proof from another key than cnf.jkt with invalid_dpop_proof', async () => {
    const { app, accessToken } = await signIn();
    expectChallenge(await userinfo(app, accessToken, await createDpopKey()), 'invalid_dpop_proof');
  });
  it('userinfo rejects a DPoP proof whose ath is not the hash of the token', async () => {
    const { app, dpop, accessToken } = await signIn();
    expectChallenge(
      await userinfo(app, accessToken, dpop, { proof: { claims: { ath: 'x'.repeat(43) } } }),
      'invalid_dpop_proof',
    );
  });
  it('userinfo rejects a DPoP proof without ath', async () => {
    const { app, dpop, accessToken } = await signIn();
    expectChallenge(
      await userinfo(app, accessToken, dpop, { proof: { claims: { ath: null } } }),
      'invalid_dpop_proof',
    );
  });
  it('userinfo rejects a DPoP proof whose htm is POST', async () => {
    const { app, dpop, accessToken } = await signIn();
    expectChallenge(await userinfo(app, accessToken, dpop, { method: 'POST' }), 'invalid_dpop_proof');
  });
  it('userinfo rejects a request without a DPoP proof', async () => {
    const { app, dpop, accessToken } = await signIn();
    expectChallenge(await userinfo(app, accessToken, dpop, { noProof: true }), 'invalid_dpop_proof');
  });
  it('userinfo for a Myinfo app answers invalid_request (400, no challenge) for an SFA holder', async () => {
    const { app, dpop, accessToken } = await signIn({ autoApprove: 'F8123456Q' });
    const response = await userinfo(app, accessToken, dpop);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: 'invalid_request', code: 'EMU_SFA_NO_MYINFO' });
    expect(response.headers['www-authenticate']).toBeUndefined();
  });
  it("userinfo answers invalid_request when the client's JWKS cannot be fetched", async () => {
    const { app, dpop, accessToken } = await signIn();
    await app.inject({
      method: 'PUT',
      url: `/debug/clients/${MYINFO_CLIENT_ID}/faults`,
      payload: { faults: ['jwks-unreachable'] },
    });
    const response = await userinfo(app, accessToken, dpop);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: 'invalid_request' });
  });
});
