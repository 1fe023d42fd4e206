import { type BffClient, BffRequestError } from '@sgid-bff/client';
import { describe, expect, it } from 'vitest';
import { callDemoApi, listSessions, parseSessionList, revokeSession } from './bff-calls';

const reply =
  (response: Response | Error): BffClient['fetch'] =>
  () =>
    response instanceof Error ? Promise.reject(response) : Promise.resolve(response);
const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('calls through the BFF', () => {
  it('a 404 in any form is "not available on this server"', async () => {
    expect(await listSessions(reply(new Response('Not Found', { status: 404 })))).toEqual({
      kind: 'unavailable',
    });
    const notFound = new BffRequestError('BFF_NOT_FOUND', 'There is nothing at this address.', {
      status: 404,
    });
    expect(await callDemoApi(reply(notFound))).toEqual({ kind: 'unavailable' });
    expect(await revokeSession(reply(notFound), 'abc')).toEqual({ kind: 'unavailable' });
  });

  it('a 401 is the unauthenticated state with its code', async () => {
    const error = new BffRequestError('BFF_UNAUTHENTICATED', 'You are not logged in.', { status: 401 });
    expect(await callDemoApi(reply(error))).toEqual({ kind: 'unauthenticated', code: 'BFF_UNAUTHENTICATED' });
  });

  it('other failures are errors with a code', async () => {
    const result = await callDemoApi(reply(new Response('<h1>Bad gateway</h1>', { status: 502 })));
    expect(result).toMatchObject({ kind: 'error', error: { code: 'CLIENT_BAD_RESPONSE', status: 502 } });
  });

  it('answers the demo API JSON', async () => {
    expect(await callDemoApi(reply(json(200, { hello: 'TAN' })))).toEqual({
      kind: 'ok',
      value: { hello: 'TAN' },
    });
  });

  it('reads the sessions list as an array or { sessions }', async () => {
    const item = {
      id: 's1',
      createdAt: '2025-01-01T00:00:00Z',
      lastSeenAt: '2025-01-01T01:00:00Z',
      device: 'Chrome on macOS',
      current: true,
    };
    const expected = [{ ...item }];
    expect(await listSessions(reply(json(200, [item])))).toEqual({ kind: 'ok', value: expected });
    expect(parseSessionList({ sessions: [item, { nonsense: true }] })).toEqual(expected);
    expect(parseSessionList([{ id: 's2', createdAt: 'x', device: { label: 'Firefox' } }])).toEqual([
      { id: 's2', createdAt: 'x', lastSeenAt: 'x', device: 'Firefox', current: false },
    ]);
  });
});
