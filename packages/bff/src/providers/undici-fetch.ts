/**
 * The default transport to sgID when no `fetch` is injected: undici's `request` over one keep-alive pool,
 * answered as a standard `Response`. Node's global `fetch` builds a Request, a fetch controller and web
 * streams per call; on a login (token + userinfo) that overhead was a tenth of the BFF's CPU. Tests inject
 * their own `fetch` (the simulated internet) and never reach this.
 *
 * Same behaviour as `fetch` for what the BFF sends: string bodies with their own content-type, the
 * caller's `AbortSignal` as the deadline, and redirects never followed — a call that asks for anything
 * else (a `Request` object, a non-string body, `redirect` other than `manual`) goes to the global `fetch`.
 */
import { Agent, request } from 'undici';
import type { FetchLike } from './call-provider';

export interface UndiciFetch {
  fetch: FetchLike;
  close(): Promise<void>;
}

export function createUndiciFetch(fallback: FetchLike = fetch): UndiciFetch {
  const agent = new Agent({ keepAliveTimeout: 10_000, connect: { timeout: 5000 } });
  const fetchLike: FetchLike = async (input, init = {}) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : undefined;
    const { body } = init;
    if (url === undefined || init.redirect !== 'manual' || (body !== undefined && typeof body !== 'string'))
      return fallback(input, init);
    const answer = await request(url, {
      dispatcher: agent,
      method: (init.method ?? 'GET') as 'GET',
      headers: toRecord(init.headers),
      body: body as string | undefined,
      signal: init.signal ?? undefined,
    });
    const text = await answer.body.text();
    const headers = new Headers();
    for (const [name, value] of Object.entries(answer.headers)) {
      if (Array.isArray(value)) for (const v of value) headers.append(name, v);
      else if (value !== undefined) headers.set(name, value);
    }
    const empty = answer.statusCode === 204 || answer.statusCode === 304;
    return new Response(empty ? null : text, { status: answer.statusCode, headers });
  };
  return { fetch: fetchLike, close: () => agent.close() };
}

function toRecord(headers: HeadersInit | undefined): Record<string, string> | undefined {
  if (headers === undefined) return undefined;
  if (headers instanceof Headers) return Object.fromEntries(headers);
  if (Array.isArray(headers)) return Object.fromEntries(headers);
  return headers as Record<string, string>;
}
