import { decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import type { FetchLike } from './call-endpoint';
import { callWithDpop } from './call-with-dpop';
import { generateDpopKey, readDpopKey } from './dpop';

const key = readDpopKey(generateDpopKey());
if (!key) throw new Error('no key');
const URL_ = 'https://id.example/fapi/token';

function scripted(answers: Array<() => Response>) {
  const seen: Array<{ dpop: string; body: string }> = [];
  const fetch: FetchLike = async (_url, init) => {
    seen.push({ dpop: new Headers(init?.headers).get('dpop') ?? '', body: String(init?.body ?? '') });
    const next = answers.shift();
    if (!next) throw new Error('unexpected call');
    return next();
  };
  return { fetch, seen };
}

const call = (nonces: Map<string, string>, bodies: string[] = []) => ({
  url: URL_,
  method: 'POST' as const,
  headers: {},
  body: async () => {
    const body = `attempt-${bodies.length + 1}`;
    bodies.push(body);
    return body;
  },
  key,
  nonces,
  now: () => Date.now(),
  timeoutMs: 1000,
  what: 'token',
});

describe('callWithDpop', () => {
  it('retries once with the server nonce, with a new proof and a new body', async () => {
    const { fetch, seen } = scripted([
      () => Response.json({ error: 'use_dpop_nonce' }, { status: 400, headers: { 'dpop-nonce': 'n-1' } }),
      () => Response.json({ ok: true }, { status: 200 }),
    ]);
    const nonces = new Map<string, string>();
    const answer = await callWithDpop(fetch, call(nonces));
    expect(answer.status).toBe(200);
    expect(seen).toHaveLength(2);
    expect(decodeJwt(seen[0]?.dpop ?? '').nonce).toBeUndefined();
    expect(decodeJwt(seen[1]?.dpop ?? '').nonce).toBe('n-1');
    expect(decodeJwt(seen[0]?.dpop ?? '').jti).not.toBe(decodeJwt(seen[1]?.dpop ?? '').jti);
    expect(seen.map((s) => s.body)).toEqual(['attempt-1', 'attempt-2']);
    expect(nonces.get('https://id.example')).toBe('n-1');
  });

  it('reads use_dpop_nonce from WWW-Authenticate at userinfo', async () => {
    const { fetch, seen } = scripted([
      () =>
        new Response(null, {
          status: 401,
          headers: { 'www-authenticate': 'DPoP error="use_dpop_nonce", algs="ES256"', 'dpop-nonce': 'n-2' },
        }),
      () => new Response('jwt', { status: 200 }),
    ]);
    const answer = await callWithDpop(fetch, {
      ...call(new Map()),
      method: 'GET',
      body: undefined,
      accessToken: 'at',
    });
    expect(answer.status).toBe(200);
    expect(decodeJwt(seen[1]?.dpop ?? '')).toMatchObject({ nonce: 'n-2', htm: 'GET' });
  });

  it('retries only once, and not at all without a nonce to use', async () => {
    const refuse = () =>
      Response.json({ error: 'use_dpop_nonce' }, { status: 400, headers: { 'dpop-nonce': 'n' } });
    const twice = scripted([refuse, refuse]);
    expect((await callWithDpop(twice.fetch, call(new Map()))).status).toBe(400);
    expect(twice.seen).toHaveLength(2);
    const noNonce = scripted([() => Response.json({ error: 'use_dpop_nonce' }, { status: 400 })]);
    expect((await callWithDpop(noNonce.fetch, call(new Map()))).status).toBe(400);
    expect(noNonce.seen).toHaveLength(1);
  });

  it('sends a nonce remembered from an earlier answer straight away', async () => {
    const { fetch, seen } = scripted([() => Response.json({}, { status: 200 })]);
    await callWithDpop(fetch, call(new Map([['https://id.example', 'kept']])));
    expect(decodeJwt(seen[0]?.dpop ?? '').nonce).toBe('kept');
  });
});
