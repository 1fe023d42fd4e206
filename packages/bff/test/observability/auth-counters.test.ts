/**
 * The login and session counters count what happened to logins and sessions (where it happens, through
 * the app context), not what a response looked like: a session the store holds was created, a session
 * the BFF deleted has ended, whatever the request's answer turned out to be.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../src/store/memory-store';
import type { BffStore } from '../../src/store/store';
import { createTestWorld, loginWith, readSession, type TestWorld } from '../support/test-bff';

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
    expect(await metric('sgid_bff_sessions_ended_total', '{cause="replaced"}')).toBe(1);
  });
});
