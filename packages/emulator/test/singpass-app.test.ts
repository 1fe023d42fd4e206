/** The simulated Singpass app: persona choice, consent, approve/decline, polling and expiry. */
import { CATALOGUE } from '@sgid-bff/protocol';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmulatorApp } from '../src/index';
import { postToken } from './flow';
import { authorizePath, createFakeClock, createPkcePair, createTestConfig, REDIRECT_URI } from './helpers';

const clock = createFakeClock();
let app: FastifyInstance;
beforeAll(async () => {
  app = await createEmulatorApp(createTestConfig(), { clock });
});
afterAll(() => app.close());

async function startLogin(options: Parameters<typeof authorizePath>[0] = {}) {
  const pkce = createPkcePair();
  const html = (await app.inject({ url: authorizePath({ challenge: pkce.challenge, ...options }) })).body;
  const id = /\/app\/requests\/([A-Za-z0-9_-]+)"/.exec(html)?.[1] ?? '';
  return { id, path: `/app/requests/${id}`, verifier: pkce.verifier };
}

function post(url: string, body: Record<string, string> = {}) {
  return app.inject({
    method: 'POST',
    url,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams(body).toString(),
  });
}

async function status(path: string) {
  return (await app.inject({ url: `${path}/status` })).json() as { status: string; redirect?: string };
}

describe('the simulated Singpass app', () => {
  it('lists personas as buttons and offers a labelled NRIC field', async () => {
    const { path } = await startLogin();
    const response = await app.inject({ url: path });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('id="persona-S9812381D"');
    expect(response.body).toContain('<label for="custom-nric">');
    expect(response.body).toContain('Log in to Test Agency Portal');
    expect(response.headers['content-security-policy']).not.toContain('unsafe-inline');
  });

  it('shows the consent items in plain words with Approve and Decline', async () => {
    const { path } = await startLogin({ scope: 'openid myinfo.name myinfo.vehicles' });
    expect((await post(`${path}/persona`, { nric: 'S9812381D' })).statusCode).toBe(303);
    const html = (await app.inject({ url: path })).body;
    expect(html).toContain('TAN HENG HUAT');
    expect(html).toContain(CATALOGUE['myinfo.name'].consent);
    expect(html).toContain(CATALOGUE['myinfo.vehicles'].consent);
    expect(html).toContain('id="approve"');
    expect(html).toContain('id="decline"');
  });

  it('approving makes the QR page continue to redirect_uri with a code that redeems', async () => {
    const { path, verifier } = await startLogin({ state: 'st' });
    expect(await status(path)).toEqual({ status: 'pending' });
    await post(`${path}/persona`, { nric: 'S8234567A' });
    expect((await post(`${path}/approve`)).statusCode).toBe(303);
    const answer = await status(path);
    expect(answer.status).toBe('approved');
    const redirect = new URL(answer.redirect ?? '');
    expect(redirect.origin + redirect.pathname).toBe(REDIRECT_URI);
    expect(redirect.searchParams.get('state')).toBe('st');
    const code = redirect.searchParams.get('code') ?? '';
    const outcome = (await app.inject({ url: path })).body;
    expect(outcome).toContain('id="continue"');
    const token = await postToken(app, { code, verifier, redirectUri: REDIRECT_URI });
    expect(token.statusCode).toBe(200);
  });

  it('declining sends access_denied with the state', async () => {
    const { path } = await startLogin({ state: 'st2' });
    await post(`${path}/persona`, { nric: 'S8234567A' });
    await post(`${path}/decline`);
    const answer = await status(path);
    expect(answer.status).toBe('declined');
    const redirect = new URL(answer.redirect ?? '');
    expect(redirect.searchParams.get('error')).toBe('access_denied');
    expect(redirect.searchParams.get('state')).toBe('st2');
    expect(redirect.searchParams.has('code')).toBe(false);
  });

  it('can be declined before a persona is chosen', async () => {
    const { path } = await startLogin();
    await post(`${path}/decline`);
    expect((await status(path)).status).toBe('declined');
  });

  it('refuses an NRIC with a wrong check letter and says so', async () => {
    const { path } = await startLogin();
    const response = await post(`${path}/persona`, { nric: 'S1234567A' });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('role="alert"');
    expect(response.body).toContain('not a valid NRIC');
  });

  it('an invalid NRIC keeps what was typed in the field (escaped), so one wrong letter is one fix', async () => {
    const { path } = await startLogin();
    const typed = await post(`${path}/persona`, { nric: ' s1234567a ' });
    expect(typed.statusCode).toBe(400);
    expect(typed.body).toMatch(/<input id="custom-nric"[^>]* value="s1234567a"[^>]* aria-invalid="true"/);
    const hostile = await post(`${path}/persona`, { nric: '"><b>x' });
    expect(hostile.body).toContain('value="&quot;&gt;&lt;b&gt;x"');
    expect(hostile.body).not.toContain('"><b>x');
  });

  it('accepts a typed, unlisted valid NRIC with a generated persona (case-insensitive)', async () => {
    const { path } = await startLogin();
    expect((await post(`${path}/persona`, { nric: ' s8123987h ' })).statusCode).toBe(303);
    expect((await app.inject({ url: path })).body).toContain('S8123987H');
  });

  it('refuses to answer a request twice', async () => {
    const { path } = await startLogin();
    await post(`${path}/persona`, { nric: 'S8234567A' });
    await post(`${path}/approve`);
    const again = await post(`${path}/approve`);
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('EMU_REQUEST_ANSWERED');
    expect((await post(`${path}/decline`)).statusCode).toBe(409);
  });

  it('does not approve before a persona is chosen', async () => {
    const { path } = await startLogin();
    await post(`${path}/approve`);
    expect((await status(path)).status).toBe('pending');
  });

  it('expires the QR after five minutes: status, app page and answers say so', async () => {
    const { path } = await startLogin({ state: 'old' });
    await post(`${path}/persona`, { nric: 'S8234567A' });
    clock.advance(300_000);
    const answer = await status(path);
    expect(answer.status).toBe('expired');
    const redirect = new URL(answer.redirect ?? '');
    expect(redirect.searchParams.get('error')).toBe('access_denied');
    expect(redirect.searchParams.get('state')).toBe('old');
    const page = await app.inject({ url: path });
    expect(page.statusCode).toBe(410);
    expect(page.body).toContain('expired');
    const late = await post(`${path}/approve`);
    expect(late.statusCode).toBe(410);
    expect(late.body).toContain('EMU_REQUEST_EXPIRED');
  });

  it('the redirects for a decline, an expired QR and a cancel are access_denied with distinct descriptions', async () => {
    const declined = await startLogin({ state: 'd' });
    await post(`${declined.path}/persona`, { nric: 'S8234567A' });
    await post(`${declined.path}/decline`);
    const qrPage = (
      await app.inject({ url: authorizePath({ challenge: createPkcePair().challenge, state: 'c' }) })
    ).body;
    const cancelHref = /id="cancel" href="([^"]+)"/.exec(qrPage)?.[1]?.replaceAll('&amp;', '&') ?? '';
    const expired = await startLogin({ state: 'e' });
    clock.advance(300_000);
    const redirects = [
      new URL((await status(declined.path)).redirect ?? ''),
      new URL((await status(expired.path)).redirect ?? ''),
      new URL(cancelHref),
    ];
    expect(redirects.map((r) => r.searchParams.get('error'))).toEqual([
      'access_denied',
      'access_denied',
      'access_denied',
    ]);
    expect(redirects.map((r) => r.searchParams.get('error_description'))).toEqual([
      'The user declined the request',
      'The QR code expired before the user answered',
      'The user cancelled the login',
    ]);
    expect(redirects.map((r) => r.searchParams.get('state'))).toEqual(['d', 'e', 'c']);
  });

  it('answers 404 for an unknown request id', async () => {
    expect((await app.inject({ url: '/app/requests/unknown' })).statusCode).toBe(404);
    expect((await app.inject({ url: '/app/requests/unknown/status' })).statusCode).toBe(404);
    expect((await post('/app/requests/unknown/approve')).statusCode).toBe(404);
  });
});
