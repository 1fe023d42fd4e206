import { describe, expect, it } from 'vitest';
import { callEndpoint, describeEndpointError, type FetchLike, readOAuthError } from './call-endpoint';

describe('callEndpoint', () => {
  it('never follows redirects and keeps the body as text and JSON', async () => {
    let redirect: RequestRedirect | undefined;
    const fetch: FetchLike = async (_url, init) => {
      redirect = init?.redirect;
      return Response.json({ a: 1 });
    };
    const answer = await callEndpoint(fetch, 'https://id.example/x', {}, 1000, 'x');
    expect(redirect).toBe('manual');
    expect(answer).toMatchObject({ status: 200, text: '{"a":1}', json: { a: 1 } });
  });

  it('maps a deadline to BFF_PROVIDER_TIMEOUT and a network failure to BFF_PROVIDER_UNAVAILABLE', async () => {
    const hang: FetchLike = (_url, init) =>
      new Promise((_resolve, reject) =>
        init?.signal?.addEventListener('abort', () => reject(new Error('aborted'))),
      );
    await expect(callEndpoint(hang, 'https://id.example/x', {}, 20, 'x')).rejects.toMatchObject({
      code: 'BFF_PROVIDER_TIMEOUT',
    });
    const down: FetchLike = async () => {
      throw new TypeError('fetch failed');
    };
    await expect(callEndpoint(down, 'https://id.example/x', {}, 1000, 'x')).rejects.toMatchObject({
      code: 'BFF_PROVIDER_UNAVAILABLE',
    });
  });

  it('reads the OAuth error from the body or WWW-Authenticate, and logs no description', async () => {
    const body = {
      status: 400,
      headers: new Headers(),
      text: '',
      json: { error: 'invalid_request', error_description: 'secret words' },
    };
    expect(readOAuthError(body)).toBe('invalid_request');
    expect(describeEndpointError('PAR', body)).toBe('PAR answered 400 invalid_request');
    const header = {
      status: 401,
      headers: new Headers({ 'www-authenticate': 'DPoP error="invalid_dpop_proof"' }),
      text: '',
      json: undefined,
    };
    expect(readOAuthError(header)).toBe('invalid_dpop_proof');
  });
});
