import { afterEach, describe, expect, it } from 'vitest';
import { type BffClient, createBffClient } from './create-bff-client';
import { decodeCrossTabMessage, encodeCrossTabMessage } from './cross-tab';
import type { SessionChangeEvent } from './session-events';
import { createFakeFetch, json, makeSession } from './test-helpers';

// Two clients on one channel name stand for two tabs; Node's BroadcastChannel delivers between them.
const clients: BffClient[] = [];
let channelCount = 0;
const now = () => Date.parse('2025-01-01T00:01:00Z');

function openTab(channelName: string, answer: () => Response | Promise<Response>) {
  const { fetch, calls } = createFakeFetch(answer);
  const client = createBffClient({ fetch, channelName, now });
  clients.push(client);
  return { client, calls };
}

/** The next event of `type`, or a failure after one second (the sync promise). */
function nextEvent<T extends SessionChangeEvent['type']>(client: BffClient, type: T) {
  return new Promise<Extract<SessionChangeEvent, { type: T }>>((resolve, reject) => {
    const timeout = setTimeout(() => reject(new Error(`no ${type} event within 1 s`)), 1000);
    const off = client.onSessionChange((event) => {
      if (event.type !== type) return;
      clearTimeout(timeout);
      off();
      resolve(event as Extract<SessionChangeEvent, { type: T }>);
    });
  });
}

afterEach(() => {
  for (const client of clients.splice(0)) client.close();
});

describe('cross-tab sync', () => {
  it('a logout in one tab ends the session in the other', async () => {
    const channel = `test-${++channelCount}`;
    const a = openTab(channel, () => new Response(null, { status: 204 }));
    const b = openTab(channel, () => json(200, makeSession()));
    await b.client.getSession();
    const ended = nextEvent(b.client, 'ended');
    await a.client.logout();
    expect(await ended).toEqual({ type: 'ended', reason: 'logout', code: null, source: 'other-tab' });
    expect(b.client.session).toEqual({ authenticated: false });
  });

  it('a 401 in one tab shows as ended, with its code, in the other', async () => {
    const channel = `test-${++channelCount}`;
    const a = openTab(channel, () => json(401, { code: 'BFF_UNAUTHENTICATED', message: 'Ended.' }));
    const b = openTab(channel, () => json(200, makeSession()));
    await b.client.getSession();
    const ended = nextEvent(b.client, 'ended');
    await a.client.fetch('/api/demo/hello').catch(() => undefined);
    expect(await ended).toMatchObject({
      reason: 'rejected',
      code: 'BFF_UNAUTHENTICATED',
      source: 'other-tab',
    });
  });

  it('a login in one tab makes an anonymous tab read its own session', async () => {
    const channel = `test-${++channelCount}`;
    let loggedIn = false;
    const a = openTab(channel, () => json(200, makeSession()));
    const b = openTab(channel, () => json(200, loggedIn ? makeSession() : { authenticated: false }));
    await b.client.getSession();
    loggedIn = true;
    const updated = nextEvent(b.client, 'session');
    await a.client.getSession();
    expect((await updated).session).toEqual(makeSession());
    expect(b.calls.at(-1)?.url).toBe('/auth/session?extendIdle=false');
  });

  it('"stay signed in" in one tab moves the other tab\'s deadline without a request', async () => {
    const channel = `test-${++channelCount}`;
    const extended = makeSession({ idleExpiresAt: '2025-01-01T00:45:00.000Z' });
    const a = openTab(channel, () => json(200, extended));
    const b = openTab(channel, () => json(200, makeSession()));
    await b.client.getSession();
    const updated = nextEvent(b.client, 'session');
    await a.client.getSession({ extendIdle: true });
    expect(await updated).toMatchObject({
      source: 'other-tab',
      session: { idleExpiresAt: '2025-01-01T00:45:00.000Z' },
    });
    expect(b.calls).toHaveLength(1);
  });

  it('ignores messages it did not send and carries no personal data', () => {
    expect(decodeCrossTabMessage({ type: 'ended', reason: 'logout', code: null })).toBeNull();
    expect(decodeCrossTabMessage({ v: 1, type: 'ended', reason: 'bogus', code: null })).toBeNull();
    expect(decodeCrossTabMessage('hello')).toBeNull();
    const wire = encodeCrossTabMessage({ type: 'session', sub: 's', expiresAt: 'e', idleExpiresAt: 'i' });
    expect(Object.keys(wire as object).sort()).toEqual(['expiresAt', 'idleExpiresAt', 'sub', 'type', 'v']);
  });
});
