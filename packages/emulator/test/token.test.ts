/** The token endpoint: every rejection named, each with its RFC 6749 error and status. */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmulatorApp } from '../src/index';
import { authorizeCode, getUserinfo, postToken } from './flow';
import {
  CLIENT_ID,
  CLIENT_SECRET,
  createFakeClock,
  createPkcePair,
  createTestConfig,
  OTHER_CLIENT_ID,
  OTHER_CLIENT_SECRET,
} from './helpers';

const clock = createFakeClock();
let app: FastifyInstance;
beforeAll(async () => {
  app = await createEmulatorApp(createTestConfig(undefined, { autoApprove: 'S9812381D' }), { clock });
});
afterAll(() => app.close());

function expectOAuthError(response: Awaited<ReturnType<typeof postToken>>, status: number, error: string) {
  expect(response.statusCode).toBe(status);
  expect(response.headers['content-type']).toMatch(/application\/json/);
  expect(response.headers['cache-control']).toBe('no-store');
  const body = response.json() as { error: string; error_description: string; code: string };
  expect(body.error).toBe(error);
  expect(body.error_description).toBeTypeOf('string');
  expect(body.code).toMatch(/^EMU_/);
  return body;
}

describe('token endpoint success', () => {
  it('answers access_token, id_token, token_type and expires_in with no-store', async () => {
    const response = await postToken(app, await authorizeCode(app));
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers.pragma).toBe('no-cache');
    const body = response.json();
    expect(Object.keys(body).sort()).toEqual(['access_token', 'expires_in', 'id_token', 'token_type']);
    expect(body.token_type).toBe('Bearer');
  });
  it('accepts a JSON body as well as a form', async () => {
    const authorized = await authorizeCode(app);
    const response = await app.inject({
      method: 'POST',
      url: '/v2/oauth/token',
      payload: {
        grant_type: 'authorization_code',
        code: authorized.code,
        redirect_uri: authorized.redirectUri,
        code_verifier: authorized.verifier,
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
      },
    });
    expect(response.statusCode).toBe(200);
  });
});

describe('token endpoint rejections', () => {
  it('token endpoint rejects a reused code', async () => {
    const authorized = await authorizeCode(app);
    expect((await postToken(app, authorized)).statusCode).toBe(200);
    expectOAuthError(await postToken(app, authorized), 400, 'invalid_grant');
  });
  it('token endpoint revokes the access token when a code is reused', async () => {
    const authorized = await authorizeCode(app);
    const { access_token } = (await postToken(app, authorized)).json();
    expect((await getUserinfo(app, access_token)).statusCode).toBe(200);
    await postToken(app, authorized);
    expect((await getUserinfo(app, access_token)).statusCode).toBe(401);
  });
  it('token endpoint rejects a wrong code_verifier', async () => {
    const authorized = await authorizeCode(app);
    const body = expectOAuthError(
      await postToken(app, authorized, { code_verifier: createPkcePair().verifier }),
      400,
      'invalid_grant',
    );
    expect(body.code).toBe('EMU_INVALID_GRANT');
  });
  it('token endpoint rejects a missing code_verifier', async () => {
    expectOAuthError(
      await postToken(app, await authorizeCode(app), { code_verifier: undefined }),
      400,
      'invalid_request',
    );
  });
  it('token endpoint still accepts the right verifier after a wrong one (codes are spent only on success)', async () => {
    const authorized = await authorizeCode(app);
    await postToken(app, authorized, { code_verifier: createPkcePair().verifier });
    expect((await postToken(app, authorized)).statusCode).toBe(200);
  });
  it('token rejects a code bound to another client', async () => {
    const authorized = await authorizeCode(app);
    const response = await postToken(app, authorized, {
      client_id: OTHER_CLIENT_ID,
      client_secret: OTHER_CLIENT_SECRET,
    });
    expectOAuthError(response, 400, 'invalid_grant');
  });
  it('token rejects an expired code', async () => {
    const authorized = await authorizeCode(app);
    clock.advance(60_000);
    expectOAuthError(await postToken(app, authorized), 400, 'invalid_grant');
  });
  it('token accepts a code just before it expires', async () => {
    const authorized = await authorizeCode(app);
    clock.advance(59_999);
    expect((await postToken(app, authorized)).statusCode).toBe(200);
  });
  it('token rejects a redirect_uri other than the one used at authorize', async () => {
    const authorized = await authorizeCode(app);
    const response = await postToken(app, authorized, {
      redirect_uri: 'http://localhost:3000/other-callback',
    });
    expectOAuthError(response, 400, 'invalid_grant');
  });
  it('token rejects a missing redirect_uri', async () => {
    expectOAuthError(
      await postToken(app, await authorizeCode(app), { redirect_uri: undefined }),
      400,
      'invalid_request',
    );
  });
  it('token rejects an unknown code', async () => {
    const authorized = await authorizeCode(app);
    expectOAuthError(await postToken(app, { ...authorized, code: 'forged-code' }), 400, 'invalid_grant');
  });
  it('token rejects a missing code', async () => {
    expectOAuthError(
      await postToken(app, await authorizeCode(app), { code: undefined }),
      400,
      'invalid_request',
    );
  });
  it('token rejects a wrong client secret with 401 invalid_client', async () => {
    expectOAuthError(
      await postToken(app, await authorizeCode(app), { client_secret: 'wrong' }),
      401,
      'invalid_client',
    );
  });
  it('token rejects a missing client secret with 401 invalid_client', async () => {
    expectOAuthError(
      await postToken(app, await authorizeCode(app), { client_secret: undefined }),
      401,
      'invalid_client',
    );
  });
  it('token rejects an unknown client with 401 invalid_client', async () => {
    expectOAuthError(
      await postToken(app, await authorizeCode(app), { client_id: 'nobody' }),
      401,
      'invalid_client',
    );
  });
  it('token rejects client_secret_basic with 401 invalid_client', async () => {
    const basic = `Basic ${Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64')}`;
    const response = await postToken(
      app,
      await authorizeCode(app),
      { client_id: undefined, client_secret: undefined },
      { authorization: basic },
    );
    expectOAuthError(response, 401, 'invalid_client');
  });
  it('token rejects grant_type=refresh_token with unsupported_grant_type', async () => {
    const response = await postToken(app, await authorizeCode(app), { grant_type: 'refresh_token' });
    expectOAuthError(response, 400, 'unsupported_grant_type');
  });
  it('token rejects a missing grant_type with invalid_request', async () => {
    expectOAuthError(
      await postToken(app, await authorizeCode(app), { grant_type: undefined }),
      400,
      'invalid_request',
    );
  });
  it('token rejects a repeated parameter with invalid_request', async () => {
    const authorized = await authorizeCode(app);
    const body = new URLSearchParams({
      grant_type: 'authorization_code',
      code: authorized.code,
      redirect_uri: authorized.redirectUri,
      code_verifier: authorized.verifier,
      client_id: CLIENT_ID,
      client_secret: CLIENT_SECRET,
    });
    body.append('code', authorized.code);
    const response = await app.inject({
      method: 'POST',
      url: '/v2/oauth/token',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: body.toString(),
    });
    expectOAuthError(response, 400, 'invalid_request');
  });
  it('token rejects an unsupported content type with invalid_request', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/v2/oauth/token',
      headers: { 'content-type': 'text/plain' },
      payload: 'grant_type=authorization_code',
    });
    expectOAuthError(response, 400, 'invalid_request');
  });
  it('token rejects malformed JSON with invalid_request, not a 500', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/v2/oauth/token',
      headers: { 'content-type': 'application/json' },
      payload: '{"grant_type":',
    });
    expectOAuthError(response, 400, 'invalid_request');
  });
  it('token rejects non-string JSON values with invalid_request', async () => {
    const authorized = await authorizeCode(app);
    const response = await app.inject({
      method: 'POST',
      url: '/v2/oauth/token',
      payload: {
        grant_type: 'authorization_code',
        code: [authorized.code],
        redirect_uri: authorized.redirectUri,
        code_verifier: authorized.verifier,
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
      },
    });
    expectOAuthError(response, 400, 'invalid_request');
  });
});
