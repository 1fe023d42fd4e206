/** Fakes for the SDK's unit tests: a scripted `fetch` that records every call. */
import type { SgidSession } from '@sgid-bff/protocol';

/** One request the fake `fetch` saw. */
export interface RecordedCall {
  url: string;
  method: string;
  headers: Headers;
  credentials: RequestCredentials | undefined;
}

type Route = (call: RecordedCall) => Response | Promise<Response>;

/** A JSON response. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  });
}

/** A `fetch` answering with `route`, keeping every call in `calls`. */
export function createFakeFetch(route: Route) {
  const calls: RecordedCall[] = [];
  const fetch = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const call: RecordedCall = {
      url: String(input),
      method: init.method ?? 'GET',
      headers: new Headers(init.headers),
      credentials: init.credentials,
    };
    calls.push(call);
    return route(call);
  };
  return { fetch: fetch as typeof globalThis.fetch, calls };
}

/** An authenticated sgID session (idle end 00:30, absolute end 08:00 on 2025-01-01 UTC). */
export function makeSession(overrides: Partial<SgidSession> = {}): SgidSession {
  return {
    authenticated: true,
    provider: 'sgid',
    sub: 'u-123',
    data: { 'myinfo.name': 'TAN HENG HUAT' },
    scopes: ['openid', 'myinfo.name'],
    loginAt: '2025-01-01T00:00:00.000Z',
    expiresAt: '2025-01-01T08:00:00.000Z',
    idleExpiresAt: '2025-01-01T00:30:00.000Z',
    ...overrides,
  };
}
