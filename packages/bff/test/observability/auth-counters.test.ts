/**
 * The login and session counters count what happened to logins and sessions (where it happens, through
 * the app context), not what a response looked like: a session the store holds was created, a session
 * the BFF deleted has ended, whatever the request's answer turned out to be.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../src/store/memory-store';
import type { BffStore } from '../../src/store/store';
import {
  BFF_ORIGIN,
  createTestWorld,
  loginWith,
  readSession,
  startLoginUntilCallback,
  type TestWorld,
  visitCallback,
} from '../support/test-bff';

let world: TestWorld;
afterEach(() => world.close());

async function metric(name: string, labels = ''): Promise<number | undefined> {
  const text = (await world.bff.inject({ url: '/metrics' })).body;
  const line = text.split('\n').find((l) => l.startsWith(`${name}${labels} `));
  return line === undefined ? undefined : Number(line.split(' ')[1]);
}

/** A memory store whose "done" callback receipts can be made to fail (the store going away mid-callback). */
function createStoreFailingDoneReceipts(): { store: BffStore; failDone: () => void } {
  const inner = createMemoryStore();
  let failing = false;
  return {
    store: {
      ...inner,
      saveCallbackReceipt: (receipt, now) =>
        failing && receipt.payload.includes('"done"')
          ? Promise.reject(new Error('store down'))
          : inner.saveCallbackReceipt(receipt, now),
    },
    failDone: () => {
      failing = true;
    },
  };
}

describe('auth counters', () => {
  it('a login that fails after its session was stored still counts the session it created and the one it replaced', async () => {
    const { store, failDone } = createStoreFailingDoneReceipts();
    world = await createTestWorld({ store });
    const browser = world.browser();
    await loginWith(browser);
    const sub = String((await readSession(browser)).sub);
    failDone();
    await loginWith(browser); // replaces the first session, stores a new one, then fails to save its receipt

    // What the store holds: the first session is gone, the second one exists.
    const held = await world.store.listSessionsBySub(sub, world.clock.now());
    expect(held).toHaveLength(1);
    expect(await metric('sgid_bff_logins_started_total')).toBe(2);
    expect(await metric('sgid_bff_logins_succeeded_total')).toBe(1);
    expect(await metric('sgid_bff_logins_failed_total', '{reason="BFF_STORE_UNAVAILABLE"}')).toBe(1);
    expect(await metric('sgid_bff_sessions_created_total')).toBe(2);
    expect(await metric('sgid_bff_sessions_ended_total', '{reason="replaced"}')).toBe(1);
    expect(await metric('sgid_bff_logins_total', '{provider="sgid",outcome="succeeded",code="none"}')).toBe(
      1,
    );
    expect(
      await metric(
        'sgid_bff_logins_total',
        '{provider="sgid",outcome="failed",code="BFF_STORE_UNAVAILABLE"}',
      ),
    ).toBe(1);
  });

  it('logins_total counts each login by provider, outcome and BFF_* code: a declined login is declined, not failed', async () => {
    world = await createTestWorld();
    const browser = world.browser();
    const callback = new URL(await startLoginUntilCallback(browser));
    const declined = `${BFF_ORIGIN}/auth/callback?error=access_denied&state=${callback.searchParams.get('state')}`;
    await visitCallback(browser, declined);
    expect(
      await metric('sgid_bff_logins_total', '{provider="sgid",outcome="declined",code="BFF_LOGIN_DECLINED"}'),
    ).toBe(1);
    expect(await metric('sgid_bff_logins_total', '{provider="sgid",outcome="succeeded",code="none"}')).toBe(
      undefined,
    );
  });

  it('a session found expired by a read of its cookie is counted once, as idle_expiry or absolute_expiry', async () => {
    world = await createTestWorld({
      env: { SESSION_IDLE_TIMEOUT: '30m', SESSION_ABSOLUTE_TIMEOUT: '1h' },
    });
    const idle = world.browser();
    await loginWith(idle);
    world.clock.advance(31 * 60_000); // idle: 30 min without activity
    expect((await readSession(idle)).authenticated).toBe(false);
    const absolute = world.browser();
    await loginWith(absolute);
    for (let i = 0; i < 5; i++) {
      world.clock.advance(15 * 60_000); // active every 15 min, until the 1 h cap passes
      await readSession(absolute);
    }
    expect((await readSession(absolute)).authenticated).toBe(false);
    // The cookie of an expired session was cleared; another tab sending it again is not a second end.
    await world.bff.inject({ url: '/auth/session', headers: { 'x-csrf': '1' } });
    expect(await metric('sgid_bff_sessions_ended_total', '{reason="idle_expiry"}')).toBe(1);
    expect(await metric('sgid_bff_sessions_ended_total', '{reason="absolute_expiry"}')).toBe(1);
  });
});
