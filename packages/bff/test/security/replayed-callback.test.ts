/**
 * A repeated callback (double navigation, back button, a remote-isolation browser that followed the
 * redirect first) from the same browser lands in the app with the session the first one created; from
 * any other browser it is refused as before (docs/threat-model.md, "Callback replay").
 */
import { afterEach, describe, expect, it } from 'vitest';
import { hashToken } from '../../src/crypto/tokens';
import type { SimulatedBrowser } from '../support/simulated-internet';
import {
  BFF_ORIGIN,
  createTestWorld,
  readLoginOutcome,
  readSession,
  startLoginUntilCallback,
  type TestWorld,
  visitCallback,
} from '../support/test-bff';

const SESSION = '__Host-sgid-bff.session';

let world: TestWorld;
afterEach(() => world.close());

/** The callback as this browser sends it, answered to nobody: the browser never sees the answer. */
async function sendLost(browser: SimulatedBrowser, callbackUrl: string) {
  const url = new URL(callbackUrl);
  const cookie = browser.jar.headerFor({ url, topLevelNavigation: true, crossSite: true, method: 'GET' });
  return world.bff.inject({
    url: `${url.pathname}${url.search}`,
    headers: {
      accept: 'text/html',
      'sec-fetch-mode': 'navigate',
      'sec-fetch-site': 'cross-site',
      ...(cookie ? { cookie } : {}),
    },
  });
}

const sessionIn = (setCookie: string | string[] | undefined) =>
  [setCookie ?? []]
    .flat()
    .find((c) => c.startsWith(`${SESSION}=`))
    ?.split(';')[0]
    ?.slice(SESSION.length + 1);

async function sessionsOf(browser: SimulatedBrowser) {
  const sub = String((await readSession(browser)).sub);
  return world.store.listSessionsBySub(sub, world.clock.now());
}

describe('replayed callbacks', () => {
  it('a repeated callback whose first answer was lost lands in the app with the session the first created', async () => {
    world = await createTestWorld();
    const browser = world.browser();
    const callback = await startLoginUntilCallback(browser, '/orders?x=1');
    const lost = await sendLost(browser, callback);
    expect(lost.statusCode).toBe(302);
    const created = sessionIn(lost.headers['set-cookie']);
    expect(created).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const nav = await visitCallback(browser, callback);
    expect(nav.url).toBe(`${BFF_ORIGIN}/orders?x=1`);
    expect(browser.jar.get(SESSION)?.value).toBe(created);
    expect(await sessionsOf(browser)).toHaveLength(1); // nothing new was created
  });

  it('the back button to a finished callback lands in the app with the same session', async () => {
    world = await createTestWorld();
    const browser = world.browser();
    const callback = await startLoginUntilCallback(browser);
    await visitCallback(browser, callback);
    const first = browser.jar.get(SESSION)?.value;
    const again = await visitCallback(browser, callback);
    expect(again.url).toBe(`${BFF_ORIGIN}/profile`);
    expect(again.chain[0]?.headers.getSetCookie().some((c) => c.startsWith(`${SESSION}=`))).toBe(false);
    expect(browser.jar.get(SESSION)?.value).toBe(first);
    expect(await sessionsOf(browser)).toHaveLength(1);
  });

  it('a repeated callback from another browser is still refused and gets no session', async () => {
    world = await createTestWorld();
    const victim = world.browser();
    const callback = await startLoginUntilCallback(victim);
    await sendLost(victim, callback);
    const attacker = world.browser();
    const nav = await visitCallback(attacker, callback);
    expect(nav.status).toBe(400);
    expect(nav.text).toContain('BFF_LOGIN_EXPIRED');
    expect(attacker.jar.get(SESSION)).toBeUndefined();
    expect((await readSession(attacker)).authenticated).toBe(false);
  });

  it('concurrent double callback from one browser: one session, both answers carry it; another browser is refused', async () => {
    world = await createTestWorld();
    const browser = world.browser();
    const attacker = world.browser();
    const callback = await startLoginUntilCallback(browser, '/twice');
    const [a, b, c] = await Promise.all([
      sendLost(browser, callback),
      sendLost(browser, callback),
      sendLost(attacker, callback),
    ]);
    expect([a.statusCode, b.statusCode]).toEqual([302, 302]);
    expect([a.headers.location, b.headers.location]).toEqual(['/twice', '/twice']);
    const ids = [sessionIn(a.headers['set-cookie']), sessionIn(b.headers['set-cookie'])];
    expect(ids[0]).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(ids[1]).toBe(ids[0]);
    expect(c.statusCode).toBe(400);
    expect(sessionIn(c.headers['set-cookie'])).toBeUndefined();
    const sessions = await world.store.listSessionsBySub(
      String((await world.store.readSession(hashToken(ids[0] ?? ''), world.clock.now()))?.sub),
      world.clock.now(),
    );
    expect(sessions).toHaveLength(1);
  });

  it('a repeat is refused once the session it created has ended', async () => {
    world = await createTestWorld();
    const browser = world.browser();
    const callback = await startLoginUntilCallback(browser);
    const lost = await sendLost(browser, callback);
    await world.store.deleteSession(hashToken(sessionIn(lost.headers['set-cookie']) ?? ''));
    const nav = await visitCallback(browser, callback);
    expect(nav.status).toBe(400);
    expect(nav.text).toContain('BFF_LOGIN_EXPIRED');
    expect((await readSession(browser)).authenticated).toBe(false);
  });

  it('a repeat of a failed callback tells the same failure in the app, not "expired"', async () => {
    world = await createTestWorld({ faults: ['token-error'] });
    const browser = world.browser();
    const callback = await startLoginUntilCallback(browser);
    expect((await sendLost(browser, callback)).statusCode).toBe(303);
    expect(readLoginOutcome(await visitCallback(browser, callback))).toMatchObject({
      code: 'BFF_PROVIDER_ERROR',
    });
  });

  it('the receipt in the store does not hold the session id, and a repeat is not a second login in the metrics', async () => {
    world = await createTestWorld();
    const browser = world.browser();
    const callback = await startLoginUntilCallback(browser);
    const state = new URL(callback).searchParams.get('state') ?? '';
    const created = sessionIn((await sendLost(browser, callback)).headers['set-cookie']) ?? '';
    const receipt = await world.store.readCallbackReceipt(hashToken(state), world.clock.now());
    expect(receipt?.payload).toBeDefined();
    expect(receipt?.payload).not.toContain(created);
    await visitCallback(browser, callback);
    const metrics = (await world.bff.inject({ url: '/metrics' })).body;
    expect(metrics).toMatch(/^sgid_bff_logins_succeeded_total 1$/m);
    expect(metrics).toMatch(/^sgid_bff_callbacks_replayed_total 1$/m);
  });
});
