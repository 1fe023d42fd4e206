/**
 * What a person meets after sgID's redirect: each provider outcome has its own code, every failure of a
 * live login lands back in the SPA with the outcome, the code and the request id, the BFF's own page is
 * the fallback, and a callback no login of ours asked for is a quiet 4xx, not a failed login.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  BFF_ORIGIN,
  createTestWorld,
  readLoginOutcome,
  readSession,
  startLoginUntilCallback,
  type TestWorld,
  visitCallback,
} from '../support/test-bff';

let world: TestWorld;
afterEach(() => world.close());

/** The value of one sample line of /metrics, or undefined when the series was never counted. */
async function metric(name: string, labels = ''): Promise<number | undefined> {
  const text = (await world.bff.inject({ url: '/metrics' })).body;
  const line = text.split('\n').find((l) => l.startsWith(`${name}${labels} `));
  return line === undefined ? undefined : Number(line.split(' ')[1]);
}

/** The parsed log lines (pino JSON). */
const logRecords = () =>
  world.logLines.flatMap((line) => line.split('\n').filter(Boolean)).map((l) => JSON.parse(l));

/** The callback sgID would send for this browser's pending login, with `error=` instead of a code. */
async function errorCallback(error: string, description?: string, returnTo = '/profile?tab=2') {
  const browser = world.browser();
  const callback = new URL(await startLoginUntilCallback(browser, returnTo));
  const url = new URL(`${BFF_ORIGIN}/auth/callback`);
  url.searchParams.set('error', error);
  if (description !== undefined) url.searchParams.set('error_description', description);
  url.searchParams.set('state', callback.searchParams.get('state') ?? '');
  return { browser, url: url.href };
}

describe('callback outcomes', () => {
  it('a forged ?error= callback with no live transaction is a 4xx, logged as a warning, not a failed login', async () => {
    world = await createTestWorld();
    const forged = [
      `/auth/callback?error=server_error&state=${'A'.repeat(43)}`,
      '/auth/callback?error=access_denied&error_description=boom&state=x',
    ];
    for (const url of forged) {
      const response = await world.bff.inject({ url, headers: { accept: 'text/html' } });
      expect(response.statusCode).toBe(400);
      expect(response.body).toContain('BFF_LOGIN_EXPIRED');
      expect(response.headers.location).toBeUndefined();
    }
    const refusals = logRecords().filter((r) => r.errorCode === 'BFF_LOGIN_EXPIRED');
    expect(refusals).toHaveLength(2);
    for (const record of refusals) {
      expect(record.level).toBe(40); // pino's warn
      expect(record.err).toBeUndefined(); // no stack
    }
    expect(logRecords().filter((r) => r.level >= 50)).toEqual([]);
    expect(await metric('sgid_bff_logins_failed_total', '{reason="BFF_LOGIN_EXPIRED"}')).toBeUndefined();
    expect(await metric('sgid_bff_logins_failed_total', '{reason="BFF_PROVIDER_ERROR"}')).toBeUndefined();
    expect(await metric('sgid_bff_callbacks_rejected_total', '{reason="BFF_LOGIN_EXPIRED"}')).toBe(2);
  });

  it("a forged ?error= with another browser's live state neither steers that browser nor ends its login", async () => {
    world = await createTestWorld();
    const { browser, url } = await errorCallback('access_denied');
    const attacker = await visitCallback(world.browser(), url);
    expect(attacker.status).toBe(400);
    expect(attacker.text).toContain('BFF_TRANSACTION_BINDING_MISMATCH');
    // The victim's own answer still goes through: its transaction was not consumed by the forgery.
    expect(readLoginOutcome(await visitCallback(browser, url))).toMatchObject({ code: 'BFF_LOGIN_DECLINED' });
  });

  it.each([
    ['access_denied', 'The user declined the request', 'declined', 'BFF_LOGIN_DECLINED'],
    ['access_denied', 'The QR code expired before the user answered', 'expired', 'BFF_LOGIN_TIMED_OUT'],
    ['access_denied', 'The user cancelled the login', 'cancelled', 'BFF_LOGIN_CANCELLED'],
    ['server_error', 'Something broke', 'failed', 'BFF_PROVIDER_ERROR'],
    ['temporarily_unavailable', undefined, 'failed', 'BFF_PROVIDER_ERROR'],
  ])(
    'provider error=%s (%s) returns to the app with login=%s and %s',
    async (error, description, outcome, code) => {
      world = await createTestWorld();
      const { browser, url } = await errorCallback(error, description);
      const nav = await visitCallback(browser, url);
      const landed = readLoginOutcome(nav);
      expect(landed).toMatchObject({ path: '/profile', outcome, code });
      expect(landed?.requestId).toBe(landed?.callbackRequestId);
      expect(new URL(nav.url).searchParams.get('tab')).toBe('2');
      expect(nav.url).not.toContain('error_description');
      expect((await readSession(browser)).authenticated).toBe(false);
      expect(await metric('sgid_bff_logins_failed_total', `{reason="${code}"}`)).toBe(1);
    },
  );

  it("without the SPA, a failed login shows the BFF's own branded page with the plain words, Try again, the request id and a favicon", async () => {
    // Standalone: the favicon these pages link is served by the standalone server; mounted, `/favicon.svg`
    // is the host's (docs/embedding.md).
    world = await createTestWorld({ form: 'standalone', faults: ['wrong-aud'], env: { SPA_DIR: 'none' } });
    const browser = world.browser();
    const callback = await startLoginUntilCallback(browser, '/orders');
    const nav = await visitCallback(browser, callback);
    expect(nav.status).toBe(502);
    expect(nav.text).toContain('We could not confirm your login with Singpass');
    expect(nav.text).not.toMatch(/ID token/i);
    expect(nav.text).toContain(`request ${nav.headers.get('x-request-id')}`);
    expect(nav.text).toContain('BFF_ID_TOKEN_INVALID');
    expect(nav.text).toMatch(/href="\/auth\/login\?returnTo=%2Forders"[^>]*>Try again/);
    expect(nav.text).toContain('<link rel="icon" href="/favicon.svg"');
    const csp = nav.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("img-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    const icon = await browser.navigate(`${BFF_ORIGIN}/favicon.svg`);
    expect(icon.status).toBe(200);
    expect(icon.headers.get('content-type')).toContain('image/svg+xml');
  });

  it('a failure after the redirect is a failed login; the same failure before any transaction is a rejected callback', async () => {
    world = await createTestWorld({ faults: ['token-error'] });
    const browser = world.browser();
    const callback = await startLoginUntilCallback(browser);
    expect(readLoginOutcome(await visitCallback(browser, callback))).toMatchObject({
      outcome: 'failed',
      code: 'BFF_PROVIDER_ERROR',
    });
    expect(await metric('sgid_bff_logins_failed_total', '{reason="BFF_PROVIDER_ERROR"}')).toBe(1);
    expect(
      await metric('sgid_bff_callbacks_rejected_total', '{reason="BFF_PROVIDER_ERROR"}'),
    ).toBeUndefined();
  });
});
