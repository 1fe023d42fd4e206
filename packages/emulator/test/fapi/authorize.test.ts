/**
 * Singpass authorize (SINGPASS-CORPPASS-FAPI.md §4.3, §4.4; §8.2 rows 14–16) and the shared QR journey.
 */
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createFakeClock } from '../helpers';
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
  REDIRECT_URI,
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

async function emulator(
  ...args: Parameters<typeof createSingpassEmulator> extends [unknown, ...infer R] ? R : never
) {
  const app = await createSingpassEmulator(keys, ...args);
  apps.push(app);
  return app;
}

async function push(app: FastifyInstance, now?: number): Promise<string> {
  const dpop = await createDpopKey();
  const response = await postForm(
    app,
    PATHS.par,
    parParams(await makeAssertion(keys, { now }), createPkce().challenge),
    await dpop.proof('POST', url(PATHS.par), { now }),
  );
  expect(response.statusCode, response.body).toBe(201);
  return (response.json() as { request_uri: string }).request_uri;
}

function authorize(app: FastifyInstance, requestUri: string, clientId = LOGIN_CLIENT_ID, extra = '') {
  return app.inject({
    method: 'GET',
    url: `${PATHS.authorize}?${new URLSearchParams({ client_id: clientId, request_uri: requestUri })}${extra}`,
  });
}

describe('Singpass authorize', () => {
  it('authorize answers 302 with a 256-bit code, the state and iss, built on the redirect_uri', async () => {
    const app = await emulator();
    const response = await authorize(app, await push(app));
    expect(response.statusCode).toBe(302);
    const location = new URL(String(response.headers.location));
    expect(`${location.origin}${location.pathname}`).toBe(REDIRECT_URI);
    expect(location.searchParams.get('code')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(location.searchParams.get('state')).toBe('state-0123456789abcdefghijklmnopqrstuvwxyz');
    expect(location.searchParams.get('iss')).toBe(ISSUER);
  });

  it('authorize leaves iss out when the issParameter toggle is off, and discovery says so', async () => {
    const app = await emulator({ singpass: { issParameter: false } });
    const response = await authorize(app, await push(app));
    expect(new URL(String(response.headers.location)).searchParams.has('iss')).toBe(false);
    const discovery = await app.inject({ url: '/singpass/v3/fapi/.well-known/openid-configuration' });
    expect(discovery.json()).toMatchObject({ authorization_response_iss_parameter_supported: false });
  });

  it('authorize with an unknown request_uri shows an error page and does not redirect', async () => {
    const app = await emulator();
    const response = await authorize(app, 'urn:ietf:params:oauth:request_uri:nope');
    expect(response.statusCode).toBe(400);
    expect(response.headers.location).toBeUndefined();
    expect(response.headers['content-type']).toMatch(/text\/html/);
    expect(response.body).toContain('EMU_INVALID_REQUEST_URI');
  });

  it('authorize with an unknown client_id shows an error page', async () => {
    const app = await emulator();
    const response = await authorize(app, await push(app), 'someone-else');
    expect(response.statusCode).toBe(400);
    expect(response.headers.location).toBeUndefined();
    expect(response.body).toContain('EMU_UNKNOWN_CLIENT');
  });

  it("authorize with another client's request_uri shows an error page and does not redirect", async () => {
    const app = await emulator();
    const response = await authorize(app, await push(app), MYINFO_CLIENT_ID);
    expect(response.statusCode).toBe(400);
    expect(response.headers.location).toBeUndefined();
  });

  it('authorize with a used request_uri redirects invalid_request_uri with state', async () => {
    const app = await emulator();
    const requestUri = await push(app);
    expect((await authorize(app, requestUri)).statusCode).toBe(302);
    const again = await authorize(app, requestUri);
    expect(again.statusCode).toBe(302);
    const location = new URL(String(again.headers.location));
    expect(location.searchParams.get('error')).toBe('invalid_request_uri');
    expect(location.searchParams.get('state')).toBe('state-0123456789abcdefghijklmnopqrstuvwxyz');
    expect(location.searchParams.get('iss')).toBe(ISSUER);
    expect(location.searchParams.has('code')).toBe(false);
  });

  it('authorize with a request_uri older than 60 s redirects invalid_request_uri with state', async () => {
    const clock = createFakeClock(Date.now());
    const app = await emulator({}, { clock });
    const requestUri = await push(app, Math.floor(clock() / 1000));
    clock.advance(60_001);
    const response = await authorize(app, requestUri);
    const location = new URL(String(response.headers.location));
    expect(location.searchParams.get('error')).toBe('invalid_request_uri');
    expect(location.searchParams.get('error_description')).toMatch(/expired/);
    expect(location.searchParams.get('state')).toBe('state-0123456789abcdefghijklmnopqrstuvwxyz');
  });

  it('authorize ignores parameters other than client_id and request_uri', async () => {
    const app = await emulator();
    const response = await authorize(
      app,
      await push(app),
      LOGIN_CLIENT_ID,
      '&redirect_uri=https%3A%2F%2Fattacker.example%2F&scope=openid+uinfin&state=other',
    );
    const location = new URL(String(response.headers.location));
    expect(`${location.origin}${location.pathname}`).toBe(REDIRECT_URI);
    expect(location.searchParams.get('state')).toBe('state-0123456789abcdefghijklmnopqrstuvwxyz');
  });

  it('authorize with the server-error fault redirects error=server_error with state', async () => {
    const app = await emulator();
    await app.inject({
      method: 'PUT',
      url: `/debug/clients/${LOGIN_CLIENT_ID}/faults`,
      payload: { faults: ['server-error'] },
    });
    const response = await authorize(app, await push(app));
    const location = new URL(String(response.headers.location));
    expect(location.searchParams.get('error')).toBe('server_error');
    expect(location.searchParams.get('state')).toBe('state-0123456789abcdefghijklmnopqrstuvwxyz');
  });

  it('without auto-approve, authorize shows the QR page and the simulated app approves with a code and iss', async () => {
    const app = await emulator({ autoApprove: undefined });
    const page = await authorize(app, await push(app));
    expect(page.statusCode).toBe(200);
    const requestId = /\/app\/requests\/([A-Za-z0-9_-]+)/.exec(page.body)?.[1] ?? '';
    expect(requestId).not.toBe('');
    const consent = await app.inject({
      method: 'POST',
      url: `/app/requests/${requestId}/persona`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'nric=S9812381D',
    });
    expect(consent.statusCode).toBe(303);
    const consentPage = await app.inject({ url: `/app/requests/${requestId}` });
    expect(consentPage.body).toContain('Your identity number');
    await app.inject({ method: 'POST', url: `/app/requests/${requestId}/approve` });
    const status = await app.inject({ url: `/app/requests/${requestId}/status` });
    const redirect = new URL((status.json() as { redirect: string }).redirect);
    expect(redirect.searchParams.get('code')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(redirect.searchParams.get('iss')).toBe(ISSUER);
    expect(redirect.searchParams.get('state')).toBe('state-0123456789abcdefghijklmnopqrstuvwxyz');
  });

  it('a declined login redirects access_denied with state and iss', async () => {
    const app = await emulator({ autoApprove: undefined });
    const page = await authorize(app, await push(app));
    const requestId = /\/app\/requests\/([A-Za-z0-9_-]+)/.exec(page.body)?.[1] ?? '';
    await app.inject({ method: 'POST', url: `/app/requests/${requestId}/decline` });
    const status = await app.inject({ url: `/app/requests/${requestId}/status` });
    const redirect = new URL((status.json() as { redirect: string }).redirect);
    expect(redirect.searchParams.get('error')).toBe('access_denied');
    expect(redirect.searchParams.get('iss')).toBe(ISSUER);
  });
});
