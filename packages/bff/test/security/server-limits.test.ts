/**
 * The server's own limits, over real sockets on a listening BFF (inject() cannot show socket-level
 * behaviour): header, request-body and keep-alive timeouts, the per-address connection bound, and
 * requests Node would otherwise half-accept (two Host headers). Timeouts are configured small so the
 * tests are quick; each waits for the server's doing with a generous guard, never for a speed.
 */
import { type AddressInfo, connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestWorld, type TestWorld } from '../support/test-bff';

let world: TestWorld | undefined;
const sockets: Socket[] = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  await world?.close();
  world = undefined;
});

const FAST = { HEADERS_TIMEOUT: '300ms', REQUEST_TIMEOUT: '600ms', KEEP_ALIVE_TIMEOUT: '300ms' };
/** How long a test waits for the server to act before it calls the limit missing. */
const GUARD_MS = 8000;

async function listen(env: Record<string, string>): Promise<number> {
  world = await createTestWorld({ env });
  await world.bff.listen({ port: 0, host: '127.0.0.1' });
  return (world.bff.server.address() as AddressInfo).port;
}

interface RawClient {
  socket: Socket;
  /** Everything the server sent so far. */
  received: () => string;
  /** Resolves when the server has closed the connection, with the time it took from `connect`. */
  closed: Promise<number>;
  write: (text: string) => void;
}

async function openRaw(port: number, localAddress = '127.0.0.1'): Promise<RawClient> {
  const socket = connect({ port, host: '127.0.0.1', localAddress });
  sockets.push(socket);
  let text = '';
  const started = Date.now();
  socket.on('data', (chunk) => {
    text += chunk.toString('latin1');
  });
  socket.on('error', () => {}); // writes after the server closed: EPIPE/ECONNRESET are the point
  const closed = new Promise<number>((resolve) => socket.once('close', () => resolve(Date.now() - started)));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  return {
    socket,
    received: () => text,
    closed,
    write: (chunk) => {
      if (!socket.destroyed && socket.writable) socket.write(chunk);
    },
  };
}

/** Resolves with the close time, or rejects when the server has not closed the socket in time. */
function closedWithin(client: RawClient, ms = GUARD_MS): Promise<number> {
  let guard: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    guard = setTimeout(() => reject(new Error(`the server kept the connection open for ${ms} ms`)), ms);
  });
  return Promise.race([client.closed, timeout]).finally(() => clearTimeout(guard));
}

/** Write `chunk` every `everyMs` until the socket closes. */
function trickle(client: RawClient, chunk: string, everyMs: number): void {
  const timer = setInterval(() => client.write(chunk), everyMs);
  void client.closed.then(() => clearInterval(timer));
}

async function get(port: number, path: string, localAddress = '127.0.0.1'): Promise<string> {
  const client = await openRaw(port, localAddress);
  client.write(`GET ${path} HTTP/1.1\r\nHost: localhost:3000\r\nConnection: close\r\n\r\n`);
  await closedWithin(client);
  return client.received();
}

describe('server timeouts', () => {
  it('a request body that trickles in is cut off at REQUEST_TIMEOUT with 408 BFF_REQUEST_TIMEOUT', async () => {
    const port = await listen(FAST);
    const client = await openRaw(port);
    client.write(
      'POST /auth/login HTTP/1.1\r\nHost: localhost:3000\r\nContent-Type: application/json\r\n' +
        'Origin: http://localhost:3000\r\nX-CSRF: 1\r\nContent-Length: 2000\r\n\r\n{"returnTo":"/',
    );
    trickle(client, 'a', 50);
    const elapsed = await closedWithin(client);
    expect(elapsed).toBeGreaterThanOrEqual(600);
    expect(client.received()).toMatch(/^HTTP\/1\.1 408 /);
    expect(client.received()).toContain('"code":"BFF_REQUEST_TIMEOUT"');
  });

  it('headers that trickle in are cut off at HEADERS_TIMEOUT, before the request timeout', async () => {
    const port = await listen({ ...FAST, REQUEST_TIMEOUT: '30s' });
    const client = await openRaw(port);
    client.write('GET /healthz HTTP/1.1\r\nHost: localhost:3000\r\n');
    trickle(client, 'X-Slow: 1\r\n', 50);
    const elapsed = await closedWithin(client);
    expect(elapsed).toBeGreaterThanOrEqual(300);
    expect(client.received()).toMatch(/^HTTP\/1\.1 408 /);
    expect(client.received()).toContain('BFF_REQUEST_TIMEOUT');
  });

  it('a connection that sends nothing is closed at HEADERS_TIMEOUT', async () => {
    const port = await listen({ ...FAST, REQUEST_TIMEOUT: '30s' });
    const client = await openRaw(port);
    await closedWithin(client);
  });

  it('an idle keep-alive connection is closed after KEEP_ALIVE_TIMEOUT', async () => {
    const port = await listen({ ...FAST, HEADERS_TIMEOUT: '20s', REQUEST_TIMEOUT: '20s' });
    const client = await openRaw(port);
    client.write('GET /healthz HTTP/1.1\r\nHost: localhost:3000\r\n\r\n');
    const elapsed = await closedWithin(client);
    expect(client.received()).toMatch(/^HTTP\/1\.1 200 /);
    expect(client.received()).toMatch(/keep-alive/i);
    expect(elapsed).toBeGreaterThanOrEqual(300);
  });

  it('a connection with no traffic either way is closed after CONNECTION_TIMEOUT', async () => {
    const port = await listen({
      HEADERS_TIMEOUT: '20s',
      REQUEST_TIMEOUT: '20s',
      API_TIMEOUT: '100ms',
      SGID_TIMEOUT: '50ms',
      CONNECTION_TIMEOUT: '400ms',
    });
    const client = await openRaw(port);
    client.write('GET /healthz HTTP/1.1\r\nHost: localhost:3000\r\n');
    const elapsed = await closedWithin(client);
    expect(elapsed).toBeGreaterThanOrEqual(400);
  });

  it('a slow but steady request within the timeouts is served', async () => {
    const port = await listen({ ...FAST, REQUEST_TIMEOUT: '20s' });
    const client = await openRaw(port);
    const body = '{"returnTo":"/profile"}';
    client.write(
      'POST /auth/login HTTP/1.1\r\nHost: localhost:3000\r\nContent-Type: application/json\r\n' +
        `Origin: http://localhost:3000\r\nX-CSRF: 1\r\nConnection: close\r\nContent-Length: ${body.length}\r\n\r\n`,
    );
    for (const char of body) {
      client.write(char);
      await new Promise((resolve) => setTimeout(resolve, 40));
    }
    await closedWithin(client);
    expect(client.received()).toMatch(/^HTTP\/1\.1 200 /);
  });
});

describe('connections per client address', () => {
  it('an address over MAX_CONNECTIONS_PER_ADDRESS is refused at once while another client is served', async () => {
    const port = await listen({ MAX_CONNECTIONS_PER_ADDRESS: '3' });
    const held = [await openRaw(port), await openRaw(port), await openRaw(port)];
    // Each held connection has started a request and waits on it: what a trickling client does.
    for (const client of held) client.write('POST /auth/login HTTP/1.1\r\nHost: localhost:3000\r\n');
    const refused = await openRaw(port);
    refused.write('GET /healthz HTTP/1.1\r\nHost: localhost:3000\r\n\r\n');
    await closedWithin(refused);
    expect(refused.received()).toBe('');
    for (const client of held) expect(client.socket.destroyed).toBe(false);

    // Another client address (all of 127/8 is loopback on Linux) is still served.
    expect(await get(port, '/healthz', '127.0.0.2')).toMatch(/^HTTP\/1\.1 200 /);

    // A slot freed is a slot regained.
    held[0]?.socket.destroy();
    await held[0]?.closed;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await get(port, '/healthz')).toMatch(/^HTTP\/1\.1 200 /);
  });

  it('the load balancers TRUST_PROXY lists are not bound: their clients share their address', async () => {
    const port = await listen({ MAX_CONNECTIONS_PER_ADDRESS: '1', TRUST_PROXY: '127.0.0.1' });
    const held = await openRaw(port);
    held.write('GET /healthz HTTP/1.1\r\nHost: localhost:3000\r\n');
    expect(await get(port, '/healthz')).toMatch(/^HTTP\/1\.1 200 /);
  });
});

describe('requests Node would half-accept', () => {
  it('two Host headers are refused with 400 BFF_DUPLICATE_HOST', async () => {
    const port = await listen({});
    const client = await openRaw(port);
    client.write(
      'GET /auth/session HTTP/1.1\r\nHost: localhost:3000\r\nHost: evil.example\r\nX-CSRF: 1\r\nConnection: close\r\n\r\n',
    );
    await closedWithin(client);
    expect(client.received()).toMatch(/^HTTP\/1\.1 400 /);
    expect(client.received()).toContain('"code":"BFF_DUPLICATE_HOST"');
    expect(await get(port, '/healthz')).toMatch(/^HTTP\/1\.1 200 /);
  });

  it('headers over the size limit and unparsable requests answer a BFF code in JSON, then close', async () => {
    const port = await listen({});
    const big = await openRaw(port);
    big.write(`GET /healthz HTTP/1.1\r\nHost: localhost:3000\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    await closedWithin(big);
    expect(big.received()).toMatch(/^HTTP\/1\.1 431 /);
    expect(big.received()).toContain('"code":"BFF_HEADERS_TOO_LARGE"');
    const junk = await openRaw(port);
    junk.write('NOT A REQUEST\r\n\r\n');
    await closedWithin(junk);
    expect(junk.received()).toMatch(/^HTTP\/1\.1 400 /);
    expect(junk.received()).toContain('"code":"BFF_BAD_REQUEST"');
  });
});
