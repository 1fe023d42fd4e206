/**
 * The BFF as a Fastify plugin in a Fastify host (`@sgid-bff/bff/fastify`): the host's routes and body
 * parsers beside the BFF's paths, a login through the host, `app.bff.requireSession()` on the host's own
 * route (typed identity, 401 shape, cross-site refusal), and the host's close() closing the BFF.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { inject } from 'light-my-request';
import { afterEach, describe, expect, it } from 'vitest';
import { sgidBff } from '../../src/fastify';
import { BFF_ORIGIN, createTestEnv, createTestWorld, loginWith, type TestWorld } from '../support/test-bff';

let world: TestWorld | undefined;
let host: FastifyInstance | undefined;
afterEach(async () => {
  await host?.close();
  await world?.close();
  host = undefined;
  world = undefined;
});

/** A Fastify host on the world's network, store and clock, answering at BFF_ORIGIN in the BFF's place. */
async function createFastifyHost(w: TestWorld): Promise<FastifyInstance> {
  const app = Fastify();
  await app.register(sgidBff, {
    config: createTestEnv(),
    deps: { store: w.store, fetch: w.internet.fetch, clock: w.clock.now },
  });
  app.get('/me', { preHandler: app.bff.requireSession() }, async (request) => ({
    sub: request.bffSession?.sub,
    provider: request.bffSession?.provider,
  }));
  app.post('/orders', { preHandler: app.bff.requireSession() }, async (request, reply) =>
    reply.code(201).send({ by: request.bffSession?.sub, order: request.body }),
  );
  app.get('/hello', async () => 'hello from the host');
  await app.ready();
  w.internet.register(BFF_ORIGIN, app);
  return app;
}

describe('the BFF as a Fastify plugin', () => {
  it("answers the BFF's paths, leaves the host's routes and 404 alone", async () => {
    world = await createTestWorld({ form: 'standalone' });
    host = await createFastifyHost(world);
    expect((await host.inject({ url: '/hello' })).body).toBe('hello from the host');
    const session = await host.inject({ url: '/auth/session', headers: { 'x-csrf': '1' } });
    expect(session.json()).toEqual({ authenticated: false });
    expect(session.headers['x-request-id']).toMatch(/\S/);
    const bffMissing = await host.inject({ url: '/auth/nothing', headers: { 'x-csrf': '1' } });
    expect(bffMissing.json()).toMatchObject({ code: 'BFF_NOT_FOUND' });
    const hostMissing = await host.inject({ url: '/nothing' });
    expect(hostMissing.statusCode).toBe(404);
    expect(hostMissing.json()).toMatchObject({ error: 'Not Found' }); // Fastify's own 404
  });

  it('the BFF parses its own bodies: the host JSON parser never sees a BFF path', async () => {
    world = await createTestWorld({ form: 'standalone' });
    host = await createFastifyHost(world);
    const logout = await host.inject({
      method: 'POST',
      url: '/auth/logout',
      headers: { 'x-csrf': '1', origin: BFF_ORIGIN, 'content-type': 'application/json' },
      payload: '{nope', // the host's parser would answer its own 400
    });
    expect(logout.statusCode).toBe(400);
    expect(logout.json()).toMatchObject({ code: 'BFF_BAD_REQUEST' });
  });

  it('a login through the host; requireSession gives the host route the user and refuses a cross-site POST', async () => {
    world = await createTestWorld({ form: 'standalone' });
    host = await createFastifyHost(world);
    const browser = world.browser();
    const nav = await loginWith(browser, '/hello');
    expect(nav.url).toBe(`${BFF_ORIGIN}/hello`);
    const me = await browser.fetch(`${BFF_ORIGIN}/me`, { headers: { 'x-csrf': '1' } });
    expect(await me.json()).toEqual({ sub: expect.stringMatching(/\S/), provider: 'sgid' });
    const cookie = browser.jar.headerFor({
      url: new URL(`${BFF_ORIGIN}/orders`),
      topLevelNavigation: false,
      crossSite: false,
      method: 'POST',
    });
    const post = (origin: string) =>
      host?.inject({
        method: 'POST',
        url: '/orders',
        headers: { 'x-csrf': '1', origin, cookie: cookie ?? '', 'content-type': 'application/json' },
        payload: '{"item":"tea"}',
      });
    const ok = await post(BFF_ORIGIN);
    expect(ok?.statusCode).toBe(201);
    expect(ok?.json()).toMatchObject({ order: { item: 'tea' } });
    const crossSite = await post('https://evil.example');
    expect(crossSite?.statusCode).toBe(403);
    expect(crossSite?.json()).toMatchObject({ code: 'BFF_CROSS_SITE_REQUEST' });
  });

  it('requireSession without a session is 401 in the BFF error shape with the request id', async () => {
    world = await createTestWorld({ form: 'standalone' });
    host = await createFastifyHost(world);
    const response = await host.inject({ url: '/me', headers: { 'x-csrf': '1' } });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toEqual({
      code: 'BFF_UNAUTHENTICATED',
      message: expect.any(String),
      requestId: response.headers['x-request-id'],
    });
  });

  it("the host's close() closes the BFF: a BFF path then answers 503", async () => {
    world = await createTestWorld({ form: 'standalone' });
    host = await createFastifyHost(world);
    const handler = host.bff.handler;
    await host.close();
    host = undefined;
    const after = await inject((req, res) => handler.middleware(req, res, () => res.end('host')), {
      url: '/healthz',
    });
    expect(after.statusCode).toBe(503);
    // The handler was closed with the host: closing again is the same finished close.
    await expect(handler.close()).resolves.toBeUndefined();
  });
});
