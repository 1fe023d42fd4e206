/**
 * Property-based fuzz of every emulator endpoint (fast-check, fixed seed, bounded count): authorize, token,
 * userinfo, the well-known documents, the QR and simulated-app pages with their answer forms, and the
 * debug pages. Requests go in through `inject()`.
 *
 * Properties, for every request: no 5xx (the designed ones — `EMU_FAULT_INJECTED` when a client has a
 * fault on, `EMU_CONFIG_INVALID` at start — need set-up this run never does, so none is expected); every
 * 4xx carries an `EMU_*` code from the catalogue (JSON `code`, or the error page's code); no body shows a
 * stack trace. After the run: the heap after gc is within a generous bound of where it started, an access
 * token issued before the run still reads userinfo, and a fresh login through the app completes.
 *
 * Longer run: `FUZZ_RUNS=20000 npx vitest run --project integration packages/emulator/test/fuzz`.
 */
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../src/errors';
import { createEmulatorApp } from '../../src/index';
import { getUserinfo, postToken } from '../flow';
import {
  authorizePath,
  CLIENT_ID,
  createFakeClock,
  createPkcePair,
  createTestConfig,
  REDIRECT_URI,
} from '../helpers';
import {
  type FuzzRequest,
  fuzzOptions,
  fuzzRequest,
  fuzzRuns,
  fuzzSeed,
  heapAfterGc,
  type RawResponse,
  STACK_TRACE,
  sendRaw,
} from './http-arbitraries';

const RUNS = fuzzRuns(2500);
const SOCKET_RUNS = Math.ceil(RUNS / 5);
const SEED = fuzzSeed(0x5eed_e3);
const PERSONA = 'S9812381D';

const clock = createFakeClock();
let app: FastifyInstance;
let oldAccessToken: string;
let pending: string[];

/** Start a login at authorize (the QR page) and answer its request id and PKCE verifier. */
async function startLogin(): Promise<{ id: string; verifier: string }> {
  const pkce = createPkcePair();
  const page = await app.inject({
    url: authorizePath({ challenge: pkce.challenge, state: 'st', nonce: 'n' }),
  });
  const id = /\/app\/requests\/([A-Za-z0-9_-]+)"/.exec(page.body)?.[1];
  if (!id) throw new Error(`authorize did not show a QR page: ${page.statusCode}`);
  return { id, verifier: pkce.verifier };
}

function postForm(url: string, fields: Record<string, string> = {}) {
  return app.inject({
    method: 'POST',
    url,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams(fields).toString(),
  });
}

/** A whole login as a user makes it: QR page, persona, approve, the redirect's code, then the token. */
async function logInThroughTheApp(): Promise<string> {
  const { id, verifier } = await startLogin();
  expect((await postForm(`/app/requests/${id}/persona`, { nric: PERSONA })).statusCode).toBe(303);
  expect((await postForm(`/app/requests/${id}/approve`)).statusCode).toBe(303);
  const status = (await app.inject({ url: `/app/requests/${id}/status` })).json() as { redirect?: string };
  const code = new URL(status.redirect ?? 'http://x').searchParams.get('code') ?? '';
  const token = await postToken(app, { code, verifier, redirectUri: REDIRECT_URI });
  expect(token.statusCode).toBe(200);
  return (token.json() as { access_token: string }).access_token;
}

beforeAll(async () => {
  app = await createEmulatorApp(createTestConfig(), { clock });
  oldAccessToken = await logInThroughTheApp();
  pending = [(await startLogin()).id, (await startLogin()).id, (await startLogin()).id];
});
afterAll(() => app?.close());

function endpoints(): string[] {
  const app = pending.flatMap((id) => [
    `GET /app/requests/${id}`,
    `POST /app/requests/${id}/persona`,
    `POST /app/requests/${id}/approve`,
    `POST /app/requests/${id}/decline`,
    `GET /app/requests/${id}/status`,
  ]);
  return [
    'GET /v2/oauth/authorize',
    'GET /v2/oauth/authorize',
    'POST /v2/oauth/token',
    'POST /v2/oauth/token',
    'GET /v2/oauth/userinfo',
    'GET /v2/.well-known/jwks.json',
    'GET /v2/.well-known/openid-configuration',
    'GET /app/requests/unknown',
    ...app,
    'GET /',
    'GET /favicon.ico',
    'GET /debug',
    'GET /debug/state',
    `GET /debug/clients/${CLIENT_ID}/faults`,
    `PUT /debug/clients/${CLIENT_ID}/faults`,
    'PUT /debug/clients/nobody/faults',
  ];
}

function queries(): string[] {
  const valid = authorizePath({ state: 'st', nonce: 'n' }).split('?')[1] ?? '';
  return [
    valid,
    valid.replace('S256', 'plain'),
    valid.replace('response_type=code', 'response_type=token'),
    valid.replace('openid', 'email'),
    valid.replace(/redirect_uri=[^&]*/, 'redirect_uri=https%3A%2F%2Fevil.example%2Fcb'),
    valid.replace(/client_id=[^&]*/, 'client_id=nobody'),
    `${valid}&${valid}`,
    'grant_type=authorization_code&code=abc&client_id=test-client&client_secret=x',
    `nric=${PERSONA}`,
    'nric=S0000000A',
  ];
}

function send(request: FuzzRequest) {
  return app.inject({
    method: request.method as 'GET',
    url: request.url,
    headers: request.headers,
    payload: request.payload,
    remoteAddress: request.remoteAddress,
  });
}

const CODES = new Set(Object.keys(ERROR_CODES));

/** The `EMU_*` code an error response carries, or what is wrong with it. */
function codeOf(response: RawResponse): string {
  const type = String(response.headers['content-type'] ?? '');
  if (type.startsWith('application/json')) {
    const parsed = JSON.parse(response.body) as { code?: unknown };
    return typeof parsed.code === 'string' ? parsed.code : `no code in ${response.body.slice(0, 80)}`;
  }
  // The simulated app re-shows its persona form with the catalogue's message (a form, not an error page).
  if (type.startsWith('text/html') && response.body.includes(ERROR_CODES.EMU_INVALID_NRIC.message))
    return 'EMU_INVALID_NRIC';
  if (type.startsWith('text/html'))
    return (
      /id="error-code">(EMU_[A-Z_]+)</.exec(response.body)?.[1] ??
      `no code in page ${response.body.slice(0, 80)}`
    );
  return `an error answered as ${type || 'no content type'}`;
}

/** Built in the test, after beforeAll: the pending login requests' ids are among the endpoints. */
const arbitrary = () =>
  fuzzRequest({
    endpoints: endpoints(),
    origin: 'http://127.0.0.1:5156',
    cookies: ['a=b'],
    cookieNames: ['sid'],
    queries: queries(),
  });

const statuses = new Map<number, number>();

function checkAnswer(request: FuzzRequest, response: RawResponse): void {
  statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
  expect(response.statusCode, `${request.method} ${request.url.slice(0, 200)}`).toBeLessThan(500);
  expect(response.body).not.toMatch(STACK_TRACE);
  if (response.statusCode >= 400 && request.method !== 'HEAD')
    expect(CODES.has(codeOf(response)), `${response.statusCode} ${codeOf(response)}`).toBe(true);
}

describe('fuzzing every emulator endpoint', () => {
  it(
    'no request gets a 5xx, an uncoded error or a stack trace, and afterwards an old token and a fresh login work',
    async () => {
      const heapBefore = await heapAfterGc();
      await fc.assert(
        fc.asyncProperty(arbitrary(), async (request) => {
          const response = await send(request);
          checkAnswer(request, {
            statusCode: response.statusCode,
            headers: response.headers as Record<string, string>,
            body: response.body,
          });
        }),
        fuzzOptions(SEED, RUNS),
      );

      const heapAfter = await heapAfterGc();
      expect(heapAfter - heapBefore).toBeLessThan(64 * 1024 * 1024);
      const old = await getUserinfo(app, oldAccessToken);
      expect(old.statusCode).toBe(200);
      const fresh = await getUserinfo(app, await logInThroughTheApp());
      expect(fresh.statusCode).toBe(200);
      console.info(
        `emulator fuzz: ${RUNS} requests (seed ${SEED}); ` +
          `statuses ${JSON.stringify(Object.fromEntries([...statuses].sort(([a], [b]) => a - b)))}; ` +
          `heap ${Math.round((heapAfter - heapBefore) / 1024)} KiB after gc`,
      );
    },
    30_000 + RUNS * 20,
  );

  it('a URL the router cannot decode is 400 with a catalogue code, not a framework code', async () => {
    const response = await app.inject({ url: '/v2/oauth/authorize/%zz' });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'EMU_INVALID_REQUEST' });
  });

  it(
    'over real sockets, no request gets a 5xx or an uncoded error, oversized and unparsable ones included',
    async () => {
      await app.listen({ port: 0, host: '127.0.0.1' });
      const { port } = app.server.address() as AddressInfo;
      statuses.clear();
      await fc.assert(
        fc.asyncProperty(arbitrary(), async (request) => checkAnswer(request, await sendRaw(port, request))),
        fuzzOptions(SEED + 1, SOCKET_RUNS),
      );
      const old = await getUserinfo(app, oldAccessToken);
      expect(old.statusCode).toBe(200);
      console.info(
        `emulator fuzz over sockets: ${SOCKET_RUNS} requests (seed ${SEED + 1}); ` +
          `statuses ${JSON.stringify(Object.fromEntries([...statuses].sort(([a], [b]) => a - b)))}`,
      );
    },
    30_000 + SOCKET_RUNS * 50,
  );
});
