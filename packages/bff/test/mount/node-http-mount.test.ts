/**
 * The BFF in a plain `node:http` server, over real sockets: `bff.createServer` with the BFF's limits,
 * `bff.middleware` with the host's own fallback, and `close()` letting an in-flight request finish.
 */
import { type AddressInfo, connect } from 'node:net';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { type BffHandler, createBffHandler } from '../../src/mount/create-bff-handler';
import { createMemoryStore } from '../../src/store/memory-store';
import { createTestEnv } from '../support/test-bff';

const closers: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

async function listen(bff: BffHandler, listener: Parameters<BffHandler['createServer']>[0]) {
  const server = bff.createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(
    () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  );
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

async function createHandler(env: Record<string, string> = {}) {
  const bff = await createBffHandler({ config: createTestEnv(env) }, { store: createMemoryStore() });
  closers.push(() => bff.close());
  return bff;
}

describe('the BFF in a node:http server', () => {
  it("serves the BFF's paths and hands the rest to the host's own handler", async () => {
    const bff = await createHandler();
    const { origin } = await listen(bff, (req, res) =>
      bff.middleware(req, res, () => {
        res.writeHead(200, { 'content-type': 'text/plain' }).end('the host');
      }),
    );
    const health = await fetch(`${origin}/healthz`);
    expect(health.status).toBe(200);
    expect(health.headers.get('x-request-id')).toMatch(/\S/);
    const session = await fetch(`${origin}/auth/session`, { headers: { 'x-csrf': '1' } });
    expect(await session.json()).toEqual({ authenticated: false });
    const host = await fetch(`${origin}/anything/else`);
    expect(await host.text()).toBe('the host');
  });

  it('an Express host on bff.createServer answers over real sockets', async () => {
    const bff = await createHandler();
    const app = express();
    app.use(bff.middleware);
    app.get('/hello', (_req, res) => {
      res.send('hello');
    });
    const { origin } = await listen(bff, app);
    expect(await (await fetch(`${origin}/hello`)).text()).toBe('hello');
    const session = await fetch(`${origin}/auth/session`, { headers: { 'x-csrf': '1' } });
    expect(await session.json()).toEqual({ authenticated: false });
  });

  it("createServer carries the BFF's server limits", async () => {
    const bff = await createHandler({
      HEADERS_TIMEOUT: '300ms',
      REQUEST_TIMEOUT: '600ms',
      KEEP_ALIVE_TIMEOUT: '300ms',
    });
    const { server } = await listen(bff, undefined);
    expect(server.headersTimeout).toBe(300);
    expect(server.requestTimeout).toBe(600);
    expect(server.keepAliveTimeout).toBe(300);
    expect(server.listenerCount('clientError')).toBeGreaterThan(0);
  });

  it('close() lets an in-flight BFF request finish, then answers 503 for new ones', async () => {
    const bff = await createHandler();
    const { origin } = await listen(bff, (req, res) => bff.middleware(req, res, () => res.end('host')));
    // A logout form post whose body arrives late: in flight when close() is called.
    const url = new URL(origin);
    const socket = connect({ host: url.hostname, port: Number(url.port) });
    let answer = '';
    socket.on('data', (chunk) => {
      answer += chunk.toString('latin1');
    });
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write(
      'POST /auth/logout HTTP/1.1\r\nHost: localhost:3000\r\nOrigin: http://localhost:3000\r\n' +
        'Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 3\r\nConnection: close\r\n\r\n',
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    let closed = false;
    const closing = bff.close().then(() => {
      closed = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(closed).toBe(false); // waiting for the request in flight
    const ended = new Promise((resolve) => socket.once('close', resolve));
    socket.write('x=1');
    await ended;
    expect(answer).toMatch(/^HTTP\/1\.1 303 /);
    await closing;
    expect(closed).toBe(true);
    const after = await fetch(`${origin}/healthz`);
    expect(after.status).toBe(503);
    expect(await (await fetch(`${origin}/other`)).text()).toBe('host');
  });
});
