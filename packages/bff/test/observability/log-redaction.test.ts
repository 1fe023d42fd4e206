/**
 * No secret, token, code, state, session id or personal value reaches the log: a whole login, session
 * reads, an API call through the proxy, "your sessions", a failed callback and a logout, logged at trace
 * level with every request logged, then the output searched for each value the flow handled.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../../src/crypto/tokens';
import { type LoopbackUpstream, startLoopbackUpstream } from '../proxy/loopback-upstream';
import {
  BFF_ORIGIN,
  CLIENT_SECRET,
  createTestWorld,
  EMULATOR_PERSONA,
  readSession,
  startLoginUntilCallback,
  type TestWorld,
  visitCallback,
} from '../support/test-bff';

let world: TestWorld;
let upstream: LoopbackUpstream;
let dataDir: string;
beforeAll(async () => {
  upstream = await startLoopbackUpstream();
  dataDir = mkdtempSync(path.join(tmpdir(), 'sgid-bff-logs-'));
});
afterAll(async () => {
  await world.close();
  await upstream.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('log redaction', () => {
  it('a full login, API call and logout logged at trace level shows no secret, token, code, session id or personal value', async () => {
    world = await createTestWorld({
      env: {
        LOG_LEVEL: 'trace',
        LOG_REQUESTS: 'true',
        DATA_DIR: dataDir,
        SGID_SCOPES: 'openid myinfo.name myinfo.nric_number myinfo.date_of_birth',
        API_ROUTES: JSON.stringify([
          { prefix: '/api/echo', upstream: upstream.origin, claims: ['myinfo.name', 'myinfo.nric_number'] },
        ]),
      },
    });
    const browser = world.browser();
    const callbackUrl = new URL(await startLoginUntilCallback(browser, '/profile'));
    const loginCookie = browser.jar.get('__Host-sgid-bff.login')?.value ?? '';
    await visitCallback(browser, callbackUrl.href);
    const sessionId = browser.jar.get('__Host-sgid-bff.session')?.value ?? '';
    expect(sessionId).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const session = await readSession(browser);
    expect(session.authenticated).toBe(true);
    const api = await browser.fetch(`${BFF_ORIGIN}/api/echo/hello?q=1`, {
      headers: { 'x-csrf': '1', authorization: 'Bearer browser-sent-secret' },
    });
    expect(api.status).toBe(200);
    const identityToken = (upstream.seen.at(-1)?.headers.authorization ?? '').slice(7);
    await browser.fetch(`${BFF_ORIGIN}/auth/sessions`, { headers: { 'x-csrf': '1' } });
    // A replayed callback (fails: the transaction is consumed) and a callback with a provider error.
    await visitCallback(browser, callbackUrl.href);
    await world.bff.inject({
      url: `/auth/callback?error=server_error&state=${callbackUrl.searchParams.get('state')}`,
    });
    await browser.fetch(`${BFF_ORIGIN}/auth/logout`, { method: 'POST', headers: { 'x-csrf': '1' } });
    await readSession(browser);

    const log = world.logLines.join('');
    if (process.env.SHOW_LOG) console.log(log);
    expect(world.logLines.length).toBeGreaterThan(10);
    expect(log).toMatch(/"reqId":"[0-9a-f-]{36}"/);
    // Still useful: refusals name their BFF_* code (not swallowed by the `code` redaction).
    expect(log).toContain('"errorCode":"BFF_LOGIN_EXPIRED"');
    const secrets: Record<string, string> = {
      'authorization code': callbackUrl.searchParams.get('code') ?? 'missing',
      state: callbackUrl.searchParams.get('state') ?? 'missing',
      'login cookie': loginCookie,
      'session id': sessionId,
      'session id hash (store key)': hashToken(sessionId),
      'client secret': CLIENT_SECRET,
      'identity token': identityToken,
      'browser authorization': 'browser-sent-secret',
      sub: String(session.sub),
      name: EMULATOR_PERSONA.name,
      NRIC: EMULATOR_PERSONA.nric,
      'date of birth': EMULATOR_PERSONA.dateOfBirth,
    };
    for (const [what, value] of Object.entries(secrets)) {
      expect(value.length, what).toBeGreaterThan(5);
      expect(log.includes(value), `${what} is in the log`).toBe(false);
    }
    // Nothing shaped like a JWT/JWE (ID token, access token, identity token) or a 256-bit token
    // (nonce, PKCE verifier, state, ids) appears anywhere.
    expect(log).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}/);
    expect(log).not.toMatch(/(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/);
    expect(log).not.toContain('?code=');
  });
});
