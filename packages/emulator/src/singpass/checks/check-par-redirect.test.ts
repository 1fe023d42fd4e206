import { describe, expect, it } from 'vitest';
import { createTestSingpassClient } from '../testing/singpass-client';
import { checkParRedirect } from './check-par-redirect';

const client = createTestSingpassClient();
const invalid = expect.objectContaining({ oauthError: 'invalid_request' });

describe('checkParRedirect', () => {
  it('accepts a registered redirect_uri, app_launch_url and https type', () => {
    expect(
      checkParRedirect(client, {
        redirect_uri: 'https://rp.example/cb',
        app_launch_url: 'https://rp.example/launch',
        redirect_uri_https_type: 'app_claimed_https',
      }),
    ).toBe('https://rp.example/cb');
  });
  it('refuses a missing or inexact redirect_uri, an unregistered launch URL and an unknown https type', () => {
    expect(() => checkParRedirect(client, {})).toThrow(invalid);
    expect(() => checkParRedirect(client, { redirect_uri: 'https://rp.example/cb/' })).toThrow(invalid);
    expect(() =>
      checkParRedirect(client, { redirect_uri: 'https://rp.example/cb', app_launch_url: 'https://x' }),
    ).toThrow(invalid);
    expect(() =>
      checkParRedirect(client, { redirect_uri: 'https://rp.example/cb', redirect_uri_https_type: 'x' }),
    ).toThrow(invalid);
  });
});
