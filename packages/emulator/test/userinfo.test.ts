/** The userinfo endpoint: bearer checks with WWW-Authenticate, and exactly the granted scopes. */

import type { FastifyInstance } from 'fastify';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmulatorApp } from '../src/index';
import { getUserinfo, logIn } from './flow';
import { createFakeClock, createTestConfig } from './helpers';

const clock = createFakeClock();
let app: FastifyInstance;
beforeAll(async () => {
  app = await createEmulatorApp(createTestConfig(undefined, { autoApprove: 'S9812381D' }), { clock });
});
afterAll(() => app.close());

function expectInvalidToken(response: Awaited<ReturnType<typeof getUserinfo>>) {
  expect(response.statusCode).toBe(401);
  expect(response.headers['www-authenticate']).toMatch(
    /^Bearer error="invalid_token", error_description="[^"]+"$/,
  );
  expect(response.json()).toMatchObject({ error: 'invalid_token', code: 'EMU_INVALID_TOKEN' });
}

describe('userinfo rejections', () => {
  it('userinfo rejects a missing bearer token with WWW-Authenticate', async () => {
    expectInvalidToken(await getUserinfo(app, undefined));
  });
  it('userinfo rejects an unknown bearer token with WWW-Authenticate', async () => {
    expectInvalidToken(await getUserinfo(app, 'not-a-token'));
  });
  it('userinfo rejects another authorization scheme', async () => {
    const { access_token } = await logIn(app);
    expectInvalidToken(
      await app.inject({ url: '/v2/oauth/userinfo', headers: { authorization: `Basic ${access_token}` } }),
    );
  });
  it('userinfo rejects a token sent in the query string', async () => {
    const { access_token } = await logIn(app);
    expectInvalidToken(await app.inject({ url: `/v2/oauth/userinfo?access_token=${access_token}` }));
  });
  it('userinfo rejects an expired access token', async () => {
    const { access_token } = await logIn(app);
    clock.advance(300_000);
    expectInvalidToken(await getUserinfo(app, access_token));
  });
  it('userinfo rejects an ID token used as the bearer token', async () => {
    const { id_token } = await logIn(app);
    expectInvalidToken(await getUserinfo(app, id_token));
  });
});

describe('userinfo success', () => {
  it('answers the sub of the ID token with only the requested scopes', async () => {
    const { access_token, id_token } = await logIn(app, { scope: 'openid myinfo.email myinfo.name' });
    const response = await getUserinfo(app, access_token);
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    const body = response.json();
    expect(body.sub).toBe(decodeJwt(id_token).sub);
    expect(Object.keys(body).sort()).toEqual(['data', 'key', 'sub']);
    expect(Object.keys(body.data).sort()).toEqual(['myinfo.email', 'myinfo.name']);
  });
  it('omits key and data for an openid-only login', async () => {
    const { access_token } = await logIn(app, { scope: 'openid' });
    const body = (await getUserinfo(app, access_token)).json();
    expect(Object.keys(body)).toEqual(['sub']);
  });
  it('answers again for the same token while it lives', async () => {
    const { access_token } = await logIn(app);
    expect((await getUserinfo(app, access_token)).statusCode).toBe(200);
    expect((await getUserinfo(app, access_token)).statusCode).toBe(200);
  });
});
