import { describe, expect, it } from 'vitest';
import { createTestClient } from '../testing/registered-client';
import { checkRedirectUri } from './check-redirect-uri';

const client = createTestClient({
  redirectUris: ['https://rp.example/callback', 'http://localhost:3000/cb?x=1'],
});
const rejected = expect.objectContaining({ code: 'EMU_INVALID_REDIRECT_URI', oauthError: undefined });

describe('checkRedirectUri', () => {
  it('accepts an exactly registered URI, query included', () => {
    expect(checkRedirectUri(client, { redirect_uri: 'http://localhost:3000/cb?x=1' })).toBe(
      'http://localhost:3000/cb?x=1',
    );
  });
  it.each([
    ['a different path', 'https://rp.example/callback2'],
    ['a prefix match', 'https://rp.example/callback/../evil'],
    ['a different scheme', 'http://rp.example/callback'],
    ['a trailing slash', 'https://rp.example/callback/'],
    ['a different case', 'https://RP.example/callback'],
    ['an added query', 'https://rp.example/callback?next=evil'],
    ['a different host', 'https://evil.example/callback'],
  ])('rejects %s', (_label, uri) => {
    expect(() => checkRedirectUri(client, { redirect_uri: uri })).toThrow(rejected);
  });
  it('rejects a missing redirect_uri', () => {
    expect(() => checkRedirectUri(client, {})).toThrow(rejected);
  });
  it('rejects a repeated redirect_uri', () => {
    expect(() =>
      checkRedirectUri(client, {
        redirect_uri: ['https://rp.example/callback', 'https://rp.example/callback'],
      }),
    ).toThrow(rejected);
  });
});
