/** The authorize endpoint: what must be an error page, what must be an error redirect, and the QR page. */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmulatorApp } from '../src/index';
import { renderQrSvg } from '../src/pages/qr-code';
import { authorizePath, CLIENT_ID, createTestConfig, OTHER_CLIENT_ID, REDIRECT_URI } from './helpers';

let app: FastifyInstance;
beforeAll(async () => {
  app = await createEmulatorApp(createTestConfig());
});
afterAll(() => app.close());

function expectErrorPage(response: Awaited<ReturnType<FastifyInstance['inject']>>, code: string) {
  expect(response.statusCode).toBe(400);
  expect(response.headers.location).toBeUndefined();
  expect(response.headers['content-type']).toMatch(/text\/html/);
  expect(response.body).toContain(`<code id="error-code">${code}</code>`);
}

function errorRedirect(response: Awaited<ReturnType<FastifyInstance['inject']>>) {
  expect(response.statusCode).toBe(302);
  const location = new URL(String(response.headers.location));
  expect(location.origin + location.pathname).toBe(REDIRECT_URI);
  expect(location.searchParams.get('code')).toBeNull();
  return location.searchParams;
}

describe('authorize shows an error page, never a redirect', () => {
  it('authorize shows an error page for an unknown client_id', async () => {
    expectErrorPage(await app.inject({ url: authorizePath({ clientId: 'nobody' }) }), 'EMU_UNKNOWN_CLIENT');
  });
  it('authorize shows an error page for a missing client_id', async () => {
    const url = authorizePath().replace(`client_id=${CLIENT_ID}&`, '');
    expectErrorPage(await app.inject({ url }), 'EMU_UNKNOWN_CLIENT');
  });
  it('authorize shows an error page for an unregistered redirect_uri', async () => {
    const response = await app.inject({ url: authorizePath({ redirectUri: 'https://evil.example/cb' }) });
    expectErrorPage(response, 'EMU_INVALID_REDIRECT_URI');
  });
  it("authorize shows an error page for another client's redirect_uri", async () => {
    const response = await app.inject({
      url: authorizePath({ redirectUri: 'http://localhost:4000/callback' }),
    });
    expectErrorPage(response, 'EMU_INVALID_REDIRECT_URI');
  });
  it('authorize shows an error page for a missing redirect_uri', async () => {
    const url = authorizePath().replace(/redirect_uri=[^&]+&/, '');
    expectErrorPage(await app.inject({ url }), 'EMU_INVALID_REDIRECT_URI');
  });
  it('authorize shows an error page for a repeated redirect_uri', async () => {
    const url = `${authorizePath()}&redirect_uri=${encodeURIComponent(REDIRECT_URI)}`;
    expectErrorPage(await app.inject({ url }), 'EMU_INVALID_REDIRECT_URI');
  });
  it('authorize shows an error page when even the parameters are wrong, if the client is unknown', async () => {
    const response = await app.inject({
      url: '/v2/oauth/authorize?client_id=x&redirect_uri=https://evil.example',
    });
    expectErrorPage(response, 'EMU_UNKNOWN_CLIENT');
  });
});

describe('authorize redirects RFC 6749 errors to a registered redirect_uri', () => {
  it('authorize redirects unsupported_response_type for response_type=token, echoing state', async () => {
    const url = authorizePath({ state: 'st-1' }).replace('response_type=code', 'response_type=token');
    const params = errorRedirect(await app.inject({ url }));
    expect(params.get('error')).toBe('unsupported_response_type');
    expect(params.get('error_description')).toBeTruthy();
    expect(params.get('state')).toBe('st-1');
  });
  it('authorize redirects invalid_request for a missing response_type', async () => {
    const url = authorizePath().replace('response_type=code&', '');
    expect(errorRedirect(await app.inject({ url })).get('error')).toBe('invalid_request');
  });
  it('authorize redirects invalid_scope when openid is missing', async () => {
    const params = errorRedirect(await app.inject({ url: authorizePath({ scope: 'myinfo.name' }) }));
    expect(params.get('error')).toBe('invalid_scope');
  });
  it('authorize redirects invalid_scope for a scope outside the registration', async () => {
    const response = await app.inject({
      url: authorizePath({
        clientId: OTHER_CLIENT_ID,
        redirectUri: 'http://localhost:4000/callback',
        scope: 'openid myinfo.email',
      }),
    });
    expect(new URL(String(response.headers.location)).searchParams.get('error')).toBe('invalid_scope');
  });
  it('authorize redirects invalid_scope for an unknown scope', async () => {
    const params = errorRedirect(
      await app.inject({ url: authorizePath({ scope: 'openid myinfo.shoe_size' }) }),
    );
    expect(params.get('error')).toBe('invalid_scope');
  });
  it('authorize redirects invalid_request for code_challenge_method=plain', async () => {
    const url = authorizePath().replace('code_challenge_method=S256', 'code_challenge_method=plain');
    const params = errorRedirect(await app.inject({ url }));
    expect(params.get('error')).toBe('invalid_request');
    expect(params.get('error_description')).toMatch(/S256/);
  });
  it('authorize redirects invalid_request for a missing code_challenge', async () => {
    const url = authorizePath().replace(/code_challenge=[^&]+&/, '');
    expect(errorRedirect(await app.inject({ url })).get('error')).toBe('invalid_request');
  });
  it('authorize redirects invalid_request for a malformed code_challenge', async () => {
    const params = errorRedirect(await app.inject({ url: authorizePath({ challenge: 'too-short' }) }));
    expect(params.get('error')).toBe('invalid_request');
  });
  it('authorize redirects invalid_request for a repeated parameter', async () => {
    const url = `${authorizePath()}&scope=openid`;
    expect(errorRedirect(await app.inject({ url })).get('error')).toBe('invalid_request');
  });
  it('authorize omits state from an error redirect when the request had none', async () => {
    const params = errorRedirect(await app.inject({ url: authorizePath({ scope: 'myinfo.name' }) }));
    expect(params.has('state')).toBe(false);
  });
});

describe('the QR page', () => {
  it('shows the client name, the QR, the app link and a countdown under a nonce CSP', async () => {
    const response = await app.inject({ url: authorizePath({ state: 's' }) });
    expect(response.statusCode).toBe(200);
    const csp = String(response.headers['content-security-policy']);
    const nonce = /script-src 'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(response.headers['cache-control']).toBe('no-store');
    const html = response.body;
    expect(html).toContain('Log in to Test Agency Portal');
    expect(html).toContain('data-testid="qr"');
    expect(html).toContain('<svg');
    expect(html).toMatch(/id="countdown"[^>]*>5:00</);
    expect(html).toContain(`<script nonce="${nonce}">`);
    expect(html).toContain(`<style nonce="${nonce}">`);
    const appUrl = /id="open-app" class="[^"]*" href="([^"]+)"/.exec(html)?.[1] ?? '';
    expect(appUrl).toMatch(/^http:\/\/127\.0\.0\.1:5156\/app\/requests\/[A-Za-z0-9_-]{43}$/);
    expect(html).toContain('Open the simulated Singpass app');
    expect(html).toContain(`data-status-url="/app/requests/${appUrl.split('/').at(-1)}/status"`);
    // The QR encodes exactly the app URL (rendering is deterministic for the same input).
    expect(html).toContain(await renderQrSvg(appUrl));
  });
  it('has no inline style attributes or event handlers, which the CSP would block', async () => {
    const html = (await app.inject({ url: authorizePath() })).body;
    expect(html).not.toMatch(/\sstyle=/i);
    expect(html).not.toMatch(/\son[a-z]+=/i);
    expect(html).not.toMatch(/javascript:/i);
  });
  it('gives every login request a different unguessable id', async () => {
    const ids = new Set<string>();
    for (let i = 0; i < 5; i++) {
      const html = (await app.inject({ url: authorizePath() })).body;
      ids.add(/\/app\/requests\/([A-Za-z0-9_-]+)"/.exec(html)?.[1] ?? '');
    }
    expect(ids.size).toBe(5);
    for (const id of ids) expect(Buffer.from(id, 'base64url').length).toBeGreaterThanOrEqual(16);
  });
  it('escapes the client name', async () => {
    const config = createTestConfig();
    const first = config.clients[0];
    if (first) first.name = '<img src=x onerror=alert(1)>';
    const hostile = await createEmulatorApp(config);
    const html = (await hostile.inject({ url: authorizePath() })).body;
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    await hostile.close();
  });
});

describe('auto-approve', () => {
  it('answers 302 with a code and the state at once', async () => {
    const auto = await createEmulatorApp(createTestConfig(undefined, { autoApprove: 'S9812381D' }));
    const response = await auto.inject({ url: authorizePath({ state: 'abc' }) });
    expect(response.statusCode).toBe(302);
    const location = new URL(String(response.headers.location));
    expect(location.searchParams.get('code')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(location.searchParams.get('state')).toBe('abc');
    await auto.close();
  });
});
