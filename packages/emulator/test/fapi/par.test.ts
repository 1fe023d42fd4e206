/**
 * PAR (SINGPASS-CORPPASS-FAPI.md §4.1, §4.2, §4.5, §4.6; §8.2 rows 1–13): one test per rule, each
 * breaking exactly that rule in an otherwise valid request.
 */
import type { FastifyInstance } from 'fastify';
import { generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ClientKeys,
  createClientKeys,
  createDpopKey,
  createPkce,
  createSingpassEmulator,
  ISSUER,
  LOGIN_CLIENT_ID,
  MYINFO_CLIENT_ID,
  makeAssertion,
  PATHS,
  parParams,
  postForm,
  url,
} from './fapi-fixtures';

let keys: ClientKeys;
let app: FastifyInstance;
let strictApp: FastifyInstance;

beforeAll(async () => {
  keys = await createClientKeys();
  app = await createSingpassEmulator(keys);
  strictApp = await createSingpassEmulator(keys, {
    singpass: { requireAssertionTyp: true, requireDpopExp: true },
  });
});
afterAll(async () => {
  await app.close();
  await strictApp.close();
});

interface ParOptions {
  params?: Record<string, string | undefined>;
  assertion?: Parameters<typeof makeAssertion>[1];
  dpop?: Parameters<Awaited<ReturnType<typeof createDpopKey>>['proof']>[2] & {
    method?: string;
    url?: string;
  };
  noDpop?: boolean;
  dpopHeader?: string;
  target?: FastifyInstance;
}

async function par(options: ParOptions = {}) {
  const dpop = await createDpopKey();
  const clientId = options.params?.client_id ?? LOGIN_CLIENT_ID;
  const assertion = await makeAssertion(keys, { clientId, ...options.assertion });
  const proof =
    options.dpopHeader ??
    (options.noDpop === true
      ? undefined
      : await dpop.proof(options.dpop?.method ?? 'POST', options.dpop?.url ?? url(PATHS.par), options.dpop));
  return {
    dpop,
    response: await postForm(
      options.target ?? app,
      PATHS.par,
      parParams(assertion, createPkce().challenge, options.params),
      proof,
    ),
  };
}

async function expectError(options: ParOptions, status: number, error: string, description?: RegExp) {
  const { response } = await par(options);
  expect(response.statusCode, response.body).toBe(status);
  const body = response.json() as { error: string; error_description: string };
  expect(body.error).toBe(error);
  if (description !== undefined) expect(body.error_description).toMatch(description);
  return body;
}

describe('PAR: success (row 13)', () => {
  it('answers 201 with a 128-bit-plus request_uri, expires_in 60 and no-store', async () => {
    const { response } = await par();
    expect(response.statusCode).toBe(201);
    expect(response.headers['cache-control']).toBe('no-store');
    const body = response.json() as { request_uri: string; expires_in: number };
    expect(body.expires_in).toBe(60);
    expect(body.request_uri).toMatch(/^urn:ietf:params:oauth:request_uri:[A-Za-z0-9_-]{43}$/);
  });
  it('accepts dpop_jkt without a DPoP header', async () => {
    const dpop = await createDpopKey();
    const response = await postForm(
      app,
      PATHS.par,
      parParams(await makeAssertion(keys), createPkce().challenge, { dpop_jkt: dpop.jkt }),
    );
    expect(response.statusCode).toBe(201);
  });
  it('accepts an assertion without typ and a DPoP proof without exp, as openid-client sends them', async () => {
    const { response } = await par({ assertion: { header: { typ: null } } });
    expect(response.statusCode).toBe(201);
  });
  it('echoes state in its error body, as Singpass does', async () => {
    const body = await expectError({ params: { scope: 'name' } }, 400, 'invalid_scope');
    expect((body as { state?: string }).state).toBe('state-0123456789abcdefghijklmnopqrstuvwxyz');
  });
});

describe('PAR: the request (rows 1, 2)', () => {
  it('PAR rejects a JSON body with invalid_request', async () => {
    const response = await app.inject({
      method: 'POST',
      url: PATHS.par,
      payload: { client_id: LOGIN_CLIENT_ID },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: 'invalid_request' });
  });
  it('PAR rejects an unknown client_id with invalid_client and 401', async () => {
    await expectError({ params: { client_id: 'unknown-client' } }, 401, 'invalid_client');
  });
  it('PAR rejects a missing client_id with invalid_client', async () => {
    await expectError({ params: { client_id: '' } }, 401, 'invalid_client');
  });
  it('PAR rejects another client_assertion_type with invalid_client', async () => {
    await expectError({ params: { client_assertion_type: 'urn:other' } }, 401, 'invalid_client');
  });
  it('PAR rejects a request without client_assertion with invalid_client', async () => {
    await expectError({ params: { client_assertion: '' } }, 401, 'invalid_client');
  });
});

describe('PAR: the client assertion (row 3)', () => {
  const now = () => Math.floor(Date.now() / 1000);
  it('PAR rejects an assertion signed with an algorithm outside ES256/384/512', async () => {
    const ed = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
    await expectError(
      { assertion: { header: { alg: 'EdDSA' }, key: ed.privateKey } },
      401,
      'invalid_client',
      /alg/,
    );
  });
  it('PAR rejects an assertion whose typ is not JWT', async () => {
    await expectError({ assertion: { header: { typ: 'at+jwt' } } }, 401, 'invalid_client', /typ/);
  });
  it('PAR rejects an assertion without typ when requireAssertionTyp is on', async () => {
    await expectError(
      { target: strictApp, assertion: { header: { typ: null } } },
      401,
      'invalid_client',
      /typ/,
    );
  });
  it('PAR rejects an assertion whose kid is not a client signing key', async () => {
    await expectError({ assertion: { header: { kid: 'enc-1' } } }, 401, 'invalid_client', /kid/);
  });
  it('PAR tries every signing key when the assertion has no kid', async () => {
    const { response } = await par({ assertion: { header: { kid: null } } });
    expect(response.statusCode).toBe(201);
  });
  it('PAR rejects an assertion signed by a key the client did not register', async () => {
    const other = await generateKeyPair('ES256');
    await expectError({ assertion: { key: other.privateKey } }, 401, 'invalid_client', /signature/);
  });
  it('PAR rejects an assertion whose iss is not the client_id', async () => {
    await expectError({ assertion: { claims: { iss: MYINFO_CLIENT_ID } } }, 401, 'invalid_client', /iss/);
  });
  it('PAR rejects an assertion whose sub is not the client_id', async () => {
    await expectError({ assertion: { claims: { sub: 'someone' } } }, 401, 'invalid_client', /sub/);
  });
  it('PAR rejects an assertion whose aud is the PAR endpoint rather than the issuer', async () => {
    await expectError({ assertion: { claims: { aud: url(PATHS.par) } } }, 401, 'invalid_client', /aud/);
  });
  it('PAR rejects an assertion whose aud is an array holding the issuer', async () => {
    await expectError({ assertion: { claims: { aud: [ISSUER] } } }, 401, 'invalid_client', /aud/);
  });
  it('PAR rejects an assertion that expired more than 30 s ago', async () => {
    const t = now() - 100;
    await expectError({ assertion: { claims: { iat: t - 30, exp: t } } }, 401, 'invalid_client', /expired/);
  });
  it('PAR accepts an assertion that expired within the 30 s leeway', async () => {
    const t = now() - 20;
    const { response } = await par({ assertion: { claims: { iat: t - 60, exp: t } } });
    expect(response.statusCode).toBe(201);
  });
  it('PAR rejects an assertion whose exp − iat exceeds 120 s', async () => {
    const t = now();
    await expectError({ assertion: { claims: { iat: t, exp: t + 121 } } }, 401, 'invalid_client', /120/);
  });
  it('PAR rejects an assertion without exp', async () => {
    await expectError({ assertion: { claims: { exp: null } } }, 401, 'invalid_client', /exp/);
  });
  it('PAR rejects an assertion issued more than 10 s in the future', async () => {
    const t = now() + 30;
    await expectError({ assertion: { claims: { iat: t, exp: t + 60 } } }, 401, 'invalid_client', /future/);
  });
  it('PAR rejects an assertion whose nbf is more than 10 s in the future', async () => {
    await expectError({ assertion: { claims: { nbf: now() + 30 } } }, 401, 'invalid_client', /nbf/);
  });
  it('PAR rejects an assertion without jti', async () => {
    await expectError({ assertion: { claims: { jti: null } } }, 401, 'invalid_client', /jti/);
  });
  it('PAR rejects a replayed assertion jti', async () => {
    const assertion = await makeAssertion(keys);
    const first = await postForm(
      app,
      PATHS.par,
      parParams(assertion, createPkce().challenge),
      await (await createDpopKey()).proof('POST', url(PATHS.par)),
    );
    expect(first.statusCode).toBe(201);
    const again = await postForm(
      app,
      PATHS.par,
      parParams(assertion, createPkce().challenge),
      await (await createDpopKey()).proof('POST', url(PATHS.par)),
    );
    expect(again.statusCode).toBe(401);
    expect(again.json()).toMatchObject({
      error: 'invalid_client',
      error_description: expect.stringMatching(/used/),
    });
  });
});

describe('PAR: DPoP (rows 4, 5)', () => {
  const now = () => Math.floor(Date.now() / 1000);
  it('PAR rejects a request with neither a DPoP header nor dpop_jkt', async () => {
    await expectError({ noDpop: true }, 400, 'invalid_request', /DPoP/);
  });
  it('PAR rejects a dpop_jkt that does not match the DPoP proof key', async () => {
    const other = await createDpopKey();
    await expectError({ params: { dpop_jkt: other.jkt } }, 400, 'invalid_request', /dpop_jkt/);
  });
  it('PAR rejects two DPoP headers', async () => {
    const dpop = await createDpopKey();
    const proof = await dpop.proof('POST', url(PATHS.par));
    await expectError({ dpopHeader: `${proof}, ${proof}` }, 400, 'invalid_dpop_proof', /one DPoP/);
  });
  it('PAR rejects a DPoP proof whose typ is not dpop+jwt', async () => {
    await expectError({ dpop: { header: { typ: 'JWT' } } }, 400, 'invalid_dpop_proof', /typ/);
  });
  it('PAR rejects a DPoP proof whose jwk holds a private key', async () => {
    const pair = await generateKeyPair('ES256', { extractable: true });
    const { exportJWK } = await import('jose');
    const privateJwk = await exportJWK(pair.privateKey);
    await expectError({ dpop: { header: { jwk: privateJwk } } }, 400, 'invalid_dpop_proof', /public/);
  });
  it('PAR rejects a DPoP proof whose signature does not verify', async () => {
    const dpop = await createDpopKey();
    const proof = await dpop.proof('POST', url(PATHS.par));
    const [header, payload] = proof.split('.');
    const forged = `${header}.${payload}.${Buffer.alloc(64).toString('base64url')}`;
    await expectError({ dpopHeader: forged }, 400, 'invalid_dpop_proof');
  });
  it('PAR rejects a DPoP proof whose htm is not POST', async () => {
    await expectError({ dpop: { method: 'GET' } }, 400, 'invalid_dpop_proof', /htm/);
  });
  it('PAR rejects a DPoP proof whose htu is another endpoint', async () => {
    await expectError({ dpop: { url: url(PATHS.token) } }, 400, 'invalid_dpop_proof', /htu/);
  });
  it('PAR accepts a DPoP htu with a query, compared without it', async () => {
    const { response } = await par({ dpop: { url: `${url(PATHS.par)}?x=1` } });
    expect(response.statusCode).toBe(201);
  });
  it('PAR rejects a DPoP proof issued more than 120 s ago', async () => {
    await expectError({ dpop: { now: now() - 121 } }, 400, 'invalid_dpop_proof', /old/);
  });
  it('PAR rejects a DPoP proof issued more than 10 s in the future', async () => {
    await expectError({ dpop: { now: now() + 30 } }, 400, 'invalid_dpop_proof', /future/);
  });
  it('PAR rejects a DPoP proof whose exp has passed', async () => {
    const t = now() - 60;
    await expectError({ dpop: { now: t, claims: { exp: t + 30 } } }, 400, 'invalid_dpop_proof', /expired/);
  });
  it('PAR rejects a DPoP proof whose exp is more than 120 s after iat', async () => {
    await expectError({ dpop: { claims: { exp: now() + 121 } } }, 400, 'invalid_dpop_proof', /120/);
  });
  it('PAR rejects a DPoP proof without exp when requireDpopExp is on', async () => {
    await expectError({ target: strictApp }, 400, 'invalid_dpop_proof', /exp/);
  });
  it('PAR rejects a replayed DPoP proof', async () => {
    const dpop = await createDpopKey();
    const proof = await dpop.proof('POST', url(PATHS.par));
    expect((await par({ dpopHeader: proof })).response.statusCode).toBe(201);
    await expectError({ dpopHeader: proof }, 400, 'invalid_dpop_proof', /used before/);
  });
});

describe('PAR: authorization parameters (rows 6–12)', () => {
  it('PAR rejects response_type other than code with invalid_request', async () => {
    await expectError(
      { params: { response_type: 'code id_token' } },
      400,
      'invalid_request',
      /response_type/,
    );
  });
  it('PAR rejects a scope without openid with invalid_scope', async () => {
    await expectError({ params: { scope: 'user.identity' } }, 400, 'invalid_scope', /openid/);
  });
  it('PAR rejects a scope the app did not register with invalid_scope', async () => {
    await expectError({ params: { scope: 'openid uinfin' } }, 400, 'invalid_scope', /uinfin/);
  });
  it('PAR rejects a missing state', async () => {
    await expectError({ params: { state: undefined } }, 400, 'invalid_request', /state/);
  });
  it('PAR rejects a state longer than 255 characters', async () => {
    await expectError({ params: { state: 'a'.repeat(256) } }, 400, 'invalid_request', /state/);
  });
  it('PAR rejects a nonce with a character outside Singpass charset', async () => {
    await expectError({ params: { nonce: 'nonce~with~tilde' } }, 400, 'invalid_request', /nonce/);
  });
  it('PAR rejects a missing nonce', async () => {
    await expectError({ params: { nonce: undefined } }, 400, 'invalid_request', /nonce/);
  });
  it('PAR rejects a redirect_uri that is not registered exactly', async () => {
    await expectError(
      { params: { redirect_uri: 'http://localhost:3000/auth/singpass/callback/' } },
      400,
      'invalid_request',
      /redirect_uri/,
    );
  });
  it('PAR rejects an app_launch_url that is not registered', async () => {
    await expectError(
      { params: { app_launch_url: 'https://app.example/launch' } },
      400,
      'invalid_request',
      /app_launch_url/,
    );
  });
  it('PAR rejects a redirect_uri_https_type outside its enum', async () => {
    await expectError(
      { params: { redirect_uri_https_type: 'custom' } },
      400,
      'invalid_request',
      /https_type/,
    );
  });
  it('PAR rejects code_challenge_method plain', async () => {
    await expectError({ params: { code_challenge_method: 'plain' } }, 400, 'invalid_request', /S256/);
  });
  it('PAR rejects a code_challenge that is not 43 base64url characters', async () => {
    await expectError({ params: { code_challenge: 'short' } }, 400, 'invalid_request', /code_challenge/);
  });
  it('PAR rejects acr_values loa:1', async () => {
    await expectError(
      { params: { acr_values: 'urn:singpass:authentication:loa:1' } },
      400,
      'invalid_request',
      /acr/,
    );
  });
  it('PAR rejects acr_values the app is not whitelisted for', async () => {
    await expectError(
      { params: { acr_values: 'urn:singpass:authentication:loa:3' } },
      400,
      'invalid_request',
      /acr/,
    );
  });
  it('PAR accepts whitelisted acr_values', async () => {
    const { response } = await par({ params: { acr_values: 'urn:singpass:authentication:loa:2' } });
    expect(response.statusCode).toBe(201);
  });
  it('PAR rejects a Login app request without authentication_context_type', async () => {
    await expectError(
      { params: { authentication_context_type: undefined } },
      400,
      'invalid_request',
      /context/,
    );
  });
  it('PAR rejects an authentication_context_type outside the documented values', async () => {
    await expectError(
      { params: { authentication_context_type: 'APP_WHATEVER' } },
      400,
      'invalid_request',
      /context/,
    );
  });
  it('PAR rejects an authentication_context_message over 100 characters', async () => {
    await expectError(
      { params: { authentication_context_message: 'a'.repeat(101) } },
      400,
      'invalid_request',
      /message/,
    );
  });
  it('PAR rejects a Myinfo app request that carries authentication_context_type', async () => {
    await expectError(
      { params: { client_id: MYINFO_CLIENT_ID, scope: 'openid name' } },
      400,
      'invalid_request',
      /only for Login apps/,
    );
  });
  it('PAR accepts a Myinfo app request without context parameters', async () => {
    const { response } = await par({
      params: {
        client_id: MYINFO_CLIENT_ID,
        scope: 'openid uinfin name',
        authentication_context_type: undefined,
      },
    });
    expect(response.statusCode).toBe(201);
  });
});
