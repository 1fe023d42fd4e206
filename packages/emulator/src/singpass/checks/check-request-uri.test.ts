import { describe, expect, it } from 'vitest';
import type { PushedRequest } from '../state/fapi-store';
import { checkRequestUri } from './check-request-uri';

function pushed(expiresAt = 1000): PushedRequest {
  return {
    params: {
      clientId: 'a',
      redirectUri: 'https://rp/cb',
      scopes: ['openid'],
      state: 's',
      nonce: 'n',
      codeChallenge: 'c',
      acrValues: [],
      jkt: 'k',
    },
    expiresAt,
    used: false,
  };
}

describe('checkRequestUri', () => {
  it('accepts a fresh request_uri of this client once, marking it used', () => {
    const request = pushed();
    const result = checkRequestUri(() => request, { client_id: 'a', request_uri: 'urn:x' }, 0);
    expect(result.ok).toBe(true);
    expect(request.used).toBe(true);
    const again = checkRequestUri(() => request, { client_id: 'a', request_uri: 'urn:x' }, 0);
    expect(again).toMatchObject({ ok: false, error: { oauthError: 'invalid_request_uri' } });
  });
  it('answers an expired request_uri as a redirectable invalid_request_uri', () => {
    const result = checkRequestUri(() => pushed(1000), { client_id: 'a', request_uri: 'urn:x' }, 1000);
    expect(result).toMatchObject({ ok: false, error: { description: expect.stringMatching(/expired/) } });
  });
  it('throws (error page) for an unknown request_uri or another client', () => {
    expect(() => checkRequestUri(() => undefined, { client_id: 'a', request_uri: 'urn:x' }, 0)).toThrow(
      expect.objectContaining({ code: 'EMU_INVALID_REQUEST_URI' }),
    );
    expect(() => checkRequestUri(() => pushed(), { client_id: 'b', request_uri: 'urn:x' }, 0)).toThrow(
      /not pushed by this client_id/,
    );
  });
});
