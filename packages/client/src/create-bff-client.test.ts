import { afterEach, describe, expect, it, vi } from 'vitest';
import { createBffClient } from './create-bff-client';
import { BffRequestError } from './errors';
import { parseSessionResponse } from './parse-session';
import type { SessionChangeEvent } from './session-events';
import { createFakeFetch, json, makeSession } from './test-helpers';

const noChannel = () => null;

describe('createBffClient: requests', () => {
  it('sends the CSRF header and cookies on every call', async () => {
    const { fetch, calls } = createFakeFetch((call) =>
      call.url.includes('/auth/session')
        ? json(200, { authenticated: false })
        : new Response(null, { status: 204 }),
    );
    const client = createBffClient({ fetch, openChannel: noChannel });
    await client.getSession();
    await client.getSession({ extendIdle: false });
    await client.fetch('/api/demo/hello');
    await client.fetch('/api/demo/hello', { method: 'POST', headers: { 'X-Other': 'kept' } });
    await client.logout();
    expect(calls).toHaveLength(5);
    for (const call of calls) {
      expect(call.headers.get('x-csrf')).toBe('1');
      expect(call.credentials).toBe('include');
    }
    expect(calls[3]?.headers.get('x-other')).toBe('kept');
    expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual([
      'GET /auth/session',
      'GET /auth/session?extendIdle=false',
      'GET /api/demo/hello',
      'POST /api/demo/hello',
      'POST /auth/logout',
    ]);
    client.close();
  });

  it('getProviders reads the enabled providers with the CSRF header, keeping only providers it knows', async () => {
    const { fetch, calls } = createFakeFetch(() =>
      json(200, { providers: ['sgid', 'singpass', 'some-future-provider'], default: 'singpass' }),
    );
    const client = createBffClient({ fetch, openChannel: noChannel });
    await expect(client.getProviders()).resolves.toEqual({
      providers: ['sgid', 'singpass'],
      default: 'singpass',
    });
    expect(calls[0]?.url).toBe('/auth/providers');
    expect(calls[0]?.headers.get('x-csrf')).toBe('1');
    client.close();
  });

  it('getProviders rejects an answer that is not a providers list with CLIENT_BAD_RESPONSE', async () => {
    const { fetch } = createFakeFetch(() => json(200, { providers: 'sgid' }));
    const client = createBffClient({ fetch, openChannel: noChannel });
    await expect(client.getProviders()).rejects.toMatchObject({ code: 'CLIENT_BAD_RESPONSE' });
    client.close();
  });

  it('uses baseUrl and a custom CSRF header name', async () => {
    const { fetch, calls } = createFakeFetch(() => json(200, { authenticated: false }));
    const client = createBffClient({
      fetch,
      baseUrl: 'https://bff.example/',
      csrfHeader: 'X-Requested-By',
      openChannel: noChannel,
    });
    await client.getSession();
    expect(calls[0]?.url).toBe('https://bff.example/auth/session');
    expect(calls[0]?.headers.get('x-requested-by')).toBe('1');
  });

  it('login navigates to /auth/login with the encoded returnTo', () => {
    const navigate = vi.fn();
    const client = createBffClient({
      navigate,
      currentPath: () => '/sessions?tab=2',
      openChannel: noChannel,
    });
    client.login({ returnTo: '/profile?x=1&y=2' });
    client.login();
    expect(navigate.mock.calls).toEqual([
      ['/auth/login?returnTo=%2Fprofile%3Fx%3D1%26y%3D2'],
      ['/auth/login?returnTo=%2Fsessions%3Ftab%3D2'],
    ]);
  });

  it('login passes the provider when one is chosen', () => {
    const navigate = vi.fn();
    const client = createBffClient({ navigate, openChannel: noChannel });
    client.login({ provider: 'singpass', returnTo: '/profile' });
    expect(navigate.mock.calls).toEqual([['/auth/login?provider=singpass&returnTo=%2Fprofile']]);
  });

  it('reads a Singpass session and narrows it on provider', async () => {
    const body = {
      authenticated: true,
      provider: 'singpass',
      sub: 'uuid-1',
      appType: 'login',
      scopes: ['openid', 'name'],
      user: { name: 'TAN HENG HUAT' },
      loginAt: '2025-01-01T00:00:00.000Z',
      expiresAt: '2025-01-01T08:00:00.000Z',
      idleExpiresAt: '2025-01-01T00:30:00.000Z',
    };
    const session = parseSessionResponse(body);
    expect(session).toEqual(body);
    if (session?.authenticated && session.provider === 'singpass')
      expect(session.user.name).toBe('TAN HENG HUAT');
    // A Singpass body named as another provider lacks that provider's fields.
    expect(parseSessionResponse({ ...body, provider: 'corppass' })).toBeNull();
    expect(parseSessionResponse({ ...body, provider: 'nobody' })).toBeNull();
    expect(parseSessionResponse({ ...body, user: 'x' })).toBeNull();
  });

  it('reads a Corppass session: the entity, the acting user and the authorisations', () => {
    const body = {
      authenticated: true,
      provider: 'corppass',
      sub: '201912345K',
      scopes: ['openid', 'authinfo'],
      entity: { id: '201912345K', name: 'HARBOURFRONT LOGISTICS PTE. LTD.' },
      actor: { sub: 'uuid-1', name: 'TAN HENG HUAT' },
      authorisations: [
        { eServiceId: 'CUSTOMS', role: 'Approver', startDate: '2020-01-01', endDate: null, parameters: [] },
      ],
      loginAt: '2025-01-01T00:00:00.000Z',
      expiresAt: '2025-01-01T08:00:00.000Z',
      idleExpiresAt: '2025-01-01T00:30:00.000Z',
    };
    expect(parseSessionResponse(body)).toEqual(body);
    expect(parseSessionResponse({ ...body, actor: { name: 'no sub' } })).toBeNull();
    expect(parseSessionResponse({ ...body, authorisations: 'Approver' })).toBeNull();
  });

  it.each(['https://evil.example/', '//evil.example', '/\\evil.example', 'profile', '/a\nb'])(
    'login refuses the non-local returnTo %j',
    (returnTo) => {
      const navigate = vi.fn();
      const client = createBffClient({ navigate, openChannel: noChannel });
      expect(() => client.login({ returnTo })).toThrow(BffRequestError);
      expect(navigate).not.toHaveBeenCalled();
    },
  );
});

describe('createBffClient: errors', () => {
  it('turns a 401 from fetch into an ended event with the BFF code and a BffRequestError', async () => {
    const { fetch } = createFakeFetch((call) =>
      call.url.startsWith('/auth/session')
        ? json(200, makeSession())
        : json(401, { code: 'BFF_UNAUTHENTICATED', message: 'You are not logged in.', requestId: 'req-1' }),
    );
    const client = createBffClient({
      fetch,
      openChannel: noChannel,
      now: () => Date.parse('2025-01-01T00:01:00Z'),
    });
    const events: SessionChangeEvent[] = [];
    client.onSessionChange((e) => events.push(e));
    await client.getSession();
    const error = await client.fetch('/api/demo/hello').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BffRequestError);
    expect(error).toMatchObject({ code: 'BFF_UNAUTHENTICATED', status: 401, requestId: 'req-1' });
    // 29 minutes before its idle deadline, and no logout here: it was ended elsewhere.
    expect(events.at(-1)).toEqual({
      type: 'ended',
      reason: 'ended-elsewhere',
      code: 'BFF_UNAUTHENTICATED',
      source: 'this-tab',
    });
    expect(client.session).toEqual({ authenticated: false });
    client.close();
  });

  it('uses BFF_UNAUTHENTICATED for a 401 without a JSON body', async () => {
    const { fetch } = createFakeFetch(() => new Response('no', { status: 401 }));
    const client = createBffClient({ fetch, openChannel: noChannel });
    const events: SessionChangeEvent[] = [];
    client.onSessionChange((e) => events.push(e));
    await expect(client.fetch('/api/x')).rejects.toMatchObject({ code: 'BFF_UNAUTHENTICATED', status: 401 });
    expect(events).toEqual([
      { type: 'ended', reason: 'rejected', code: 'BFF_UNAUTHENTICATED', source: 'this-tab' },
    ]);
  });

  it('rejects any JSON error body with a BffRequestError and keeps other answers', async () => {
    const { fetch } = createFakeFetch((call) => {
      if (call.url === '/api/limited') return json(429, { code: 'BFF_RATE_LIMITED', message: 'Slow down.' });
      if (call.url === '/api/html')
        return new Response('<p>gone</p>', { status: 404, headers: { 'content-type': 'text/html' } });
      return json(200, { hello: 'world' });
    });
    const client = createBffClient({ fetch, openChannel: noChannel });
    await expect(client.fetch('/api/limited')).rejects.toMatchObject({
      name: 'BffRequestError',
      code: 'BFF_RATE_LIMITED',
      status: 429,
    });
    expect((await client.fetch('/api/html')).status).toBe(404);
    expect(await (await client.fetch('/api/ok')).json()).toEqual({ hello: 'world' });
  });

  it('reports a network failure as CLIENT_NETWORK_ERROR with its cause, and as an error event', async () => {
    const cause = new TypeError('Failed to fetch');
    const client = createBffClient({ fetch: () => Promise.reject(cause), openChannel: noChannel });
    const events: SessionChangeEvent[] = [];
    client.onSessionChange((e) => events.push(e));
    const error = await client.getSession().catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'CLIENT_NETWORK_ERROR', status: 0, cause });
    expect(events).toEqual([{ type: 'error', error }]);
  });

  it('rejects a session answer of the wrong shape with CLIENT_BAD_RESPONSE', async () => {
    const { fetch } = createFakeFetch(
      () => new Response('<html></html>', { headers: { 'content-type': 'text/html' } }),
    );
    const client = createBffClient({ fetch, openChannel: noChannel });
    await expect(client.getSession()).rejects.toMatchObject({ code: 'CLIENT_BAD_RESPONSE' });
  });

  it('passes a BFF error from /auth/session through, e.g. the store being down', async () => {
    const { fetch } = createFakeFetch(() =>
      json(503, { code: 'BFF_STORE_UNAVAILABLE', message: 'Try again soon.' }),
    );
    const client = createBffClient({ fetch, openChannel: noChannel });
    await expect(client.getSession()).rejects.toMatchObject({ code: 'BFF_STORE_UNAVAILABLE', status: 503 });
  });
});

describe('createBffClient: session changes', () => {
  it('emits the session, then ended(logout) after logout, and unsubscribes', async () => {
    const { fetch } = createFakeFetch((call) =>
      call.url.startsWith('/auth/session') ? json(200, makeSession()) : new Response(null, { status: 204 }),
    );
    const client = createBffClient({
      fetch,
      openChannel: noChannel,
      now: () => Date.parse('2025-01-01T00:01:00Z'),
    });
    const listener = vi.fn();
    const unsubscribe = client.onSessionChange(listener);
    await client.getSession();
    expect(listener).toHaveBeenLastCalledWith({
      type: 'session',
      session: makeSession(),
      source: 'this-tab',
    });
    await client.logout();
    expect(listener).toHaveBeenLastCalledWith({
      type: 'ended',
      reason: 'logout',
      code: null,
      source: 'this-tab',
    });
    unsubscribe();
    await client.getSession();
    expect(listener).toHaveBeenCalledTimes(2);
    client.close();
  });

  it('reports expired when the BFF says anonymous after the session deadline', async () => {
    let answer: unknown = makeSession();
    let clock = Date.parse('2025-01-01T00:01:00Z');
    const { fetch } = createFakeFetch(() => json(200, answer));
    const client = createBffClient({ fetch, openChannel: noChannel, now: () => clock });
    const events: SessionChangeEvent[] = [];
    client.onSessionChange((e) => events.push(e));
    await client.getSession();
    answer = { authenticated: false };
    clock = Date.parse('2025-01-01T00:30:01Z'); // past idleExpiresAt
    await client.getSession({ extendIdle: false });
    expect(events.map((e) => e.type)).toEqual(['session', 'ended']);
    expect(events[1]).toMatchObject({ reason: 'expired', code: null });
    client.close();
  });

  it('a session that turns anonymous before its deadline, with no logout here, ended elsewhere', async () => {
    let answer: unknown = makeSession();
    const posted: unknown[] = [];
    const { fetch } = createFakeFetch(() => json(200, answer));
    const client = createBffClient({
      fetch,
      openChannel: () => ({
        postMessage: (m) => void posted.push(m),
        addEventListener: () => {},
        close: () => {},
      }),
      now: () => Date.parse('2025-01-01T00:10:00Z'),
    });
    const events: SessionChangeEvent[] = [];
    client.onSessionChange((e) => events.push(e));
    await client.getSession();
    answer = { authenticated: false }; // revoked on another device
    await client.getSession({ extendIdle: false });
    expect(events.at(-1)).toEqual({
      type: 'ended',
      reason: 'ended-elsewhere',
      code: null,
      source: 'this-tab',
    });
    expect(posted.at(-1)).toMatchObject({ type: 'ended', reason: 'ended-elsewhere' });
    client.close();
  });

  it('a logout here is a logout, never ended elsewhere, even before the deadline', async () => {
    const { fetch } = createFakeFetch((call) =>
      call.url.startsWith('/auth/session') ? json(200, makeSession()) : new Response(null, { status: 204 }),
    );
    const client = createBffClient({
      fetch,
      openChannel: noChannel,
      now: () => Date.parse('2025-01-01T00:10:00Z'),
    });
    const events: SessionChangeEvent[] = [];
    client.onSessionChange((e) => events.push(e));
    await client.getSession();
    await client.logout();
    expect(events.at(-1)).toMatchObject({ type: 'ended', reason: 'logout' });
    client.close();
  });

  it('a 401 without a known session is rejected, not ended elsewhere', async () => {
    const { fetch } = createFakeFetch(() => json(401, { code: 'BFF_UNAUTHENTICATED', message: 'No.' }));
    const client = createBffClient({ fetch, openChannel: noChannel });
    const events: SessionChangeEvent[] = [];
    client.onSessionChange((e) => events.push(e));
    await client.fetch('/api/x').catch(() => undefined);
    expect(events.at(-1)).toMatchObject({ type: 'ended', reason: 'rejected' });
    client.close();
  });

  it('keeps logout failures visible and the session intact', async () => {
    const { fetch } = createFakeFetch((call) =>
      call.url.startsWith('/auth/session')
        ? json(200, makeSession())
        : json(503, { code: 'BFF_STORE_UNAVAILABLE', message: 'Try again soon.' }),
    );
    const client = createBffClient({
      fetch,
      openChannel: noChannel,
      now: () => Date.parse('2025-01-01T00:01:00Z'),
    });
    await client.getSession();
    await expect(client.logout()).rejects.toMatchObject({ code: 'BFF_STORE_UNAVAILABLE' });
    expect(client.session?.authenticated).toBe(true);
    client.close();
  });
});

afterEach(() => {
  vi.useRealTimers();
});
