/**
 * Shared set-up for the proxy's hardening tests: a BFF world with `API_ROUTES` pointing at the loopback
 * upstream, logged-in browsers, the BFF listening on a real loopback port, and raw-socket requests (so
 * aborts, trickled bodies and unnormalised paths reach the BFF exactly as sent).
 */
import type { AddressInfo } from 'node:net';
import { connect, type Socket } from 'node:net';
import type { SimulatedBrowser } from '../support/simulated-internet';
import { BFF_ORIGIN, createTestWorld, loginWith, type TestWorld } from '../support/test-bff';

export const SESSION_COOKIE = '__Host-sgid-bff.session';

export async function createProxyWorld(
  routes: unknown[],
  env: Record<string, string>,
  dataDir: string,
): Promise<TestWorld> {
  return createTestWorld({
    env: {
      API_ROUTES: JSON.stringify(routes),
      DATA_DIR: dataDir,
      SGID_SCOPES: 'openid myinfo.name',
      ...env,
    },
  });
}

/** A browser of the world, logged in. */
export async function loggedInBrowser(world: TestWorld): Promise<SimulatedBrowser> {
  const browser = world.browser();
  await loginWith(browser);
  return browser;
}

export const cookieOf = (browser: SimulatedBrowser) =>
  `${SESSION_COOKIE}=${browser.jar.get(SESSION_COOKIE)?.value ?? ''}`;

export const apiFetch = (browser: SimulatedBrowser, url: string, init: RequestInit = {}) =>
  browser.fetch(`${BFF_ORIGIN}${url}`, { ...init, headers: { 'x-csrf': '1', ...init.headers } });

/** Let the BFF listen on loopback; answers its port. */
export async function listenOnLoopback(world: TestWorld): Promise<number> {
  await world.bff.listen({ port: 0, host: '127.0.0.1' });
  return (world.bff.server.address() as AddressInfo).port;
}

/** A request written by hand on a raw socket: what the test sends is exactly what the BFF reads. */
export interface RawRequest {
  socket: Socket;
  /** Everything the BFF answered so far. */
  received: () => string;
  /** Resolves with the status code once the status line has arrived. */
  status: Promise<number>;
  /** Resolves when the BFF closed the connection (or it was destroyed). */
  closed: Promise<void>;
}

export function openRawRequest(
  port: number,
  head: { method: string; path: string; cookie: string; headers?: Record<string, string> },
): RawRequest {
  const socket = connect(port, '127.0.0.1');
  const lines = [
    `${head.method} ${head.path} HTTP/1.1`,
    'host: localhost:3000',
    `cookie: ${head.cookie}`,
    'x-csrf: 1',
    `origin: ${BFF_ORIGIN}`,
    ...Object.entries(head.headers ?? {}).map(([name, value]) => `${name}: ${value}`),
  ];
  socket.write(`${lines.join('\r\n')}\r\n\r\n`);
  let text = '';
  let resolveStatus: (status: number) => void = () => {};
  const status = new Promise<number>((resolve) => {
    resolveStatus = resolve;
  });
  socket.on('data', (chunk: Buffer) => {
    text += chunk.toString('latin1');
    const match = /^HTTP\/1\.1 (\d{3})/.exec(text);
    if (match) resolveStatus(Number(match[1]));
  });
  socket.on('error', () => {});
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  void closed.then(() => resolveStatus(0));
  return { socket, received: () => text, status, closed };
}

/** The JSON body of a complete raw answer (content-length framed). */
export function parseRawJson(answer: string): Record<string, unknown> {
  const body = answer.slice(answer.indexOf('\r\n\r\n') + 4);
  return JSON.parse(body) as Record<string, unknown>;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `predicate` every 10 ms for at most `ms`; throws with `what` when it never holds. */
export async function waitUntil(predicate: () => boolean, what: string, ms = 15_000): Promise<void> {
  const until = performance.now() + ms;
  while (!predicate()) {
    if (performance.now() > until) throw new Error(`timed out waiting until ${what}`);
    await sleep(10);
  }
}
