import { describe, expect, it } from 'vitest';
import { describeErrorCode } from './error-messages';

describe('describeErrorCode', () => {
  it('a declined consent is a cancelled login, offered again', () => {
    expect(describeErrorCode('BFF_LOGIN_DECLINED')).toMatchObject({
      title: 'Login was cancelled',
      action: 'login',
    });
    expect(describeErrorCode('access_denied')).toMatchObject({ title: 'Login was cancelled' });
  });

  it.each([
    ['BFF_LOGIN_EXPIRED', 'Your login did not complete', 'login'],
    ['BFF_TRANSACTION_BINDING_MISMATCH', 'Your login did not complete', 'login'],
    ['BFF_PROVIDER_TIMEOUT', 'Singpass is not available right now', 'login'],
    ['BFF_ID_TOKEN_INVALID', 'We couldn’t confirm your login', 'login'],
    ['BFF_RATE_LIMITED', 'Too many attempts', 'login'],
    ['BFF_STORE_UNAVAILABLE', 'Service temporarily unavailable', 'reload'],
    ['CLIENT_NETWORK_ERROR', 'You appear to be offline', 'reload'],
    ['BFF_COOKIE_MALFORMED', 'Please try again', 'reload'],
  ])('%s → "%s" (%s)', (code, title, action) => {
    expect(describeErrorCode(code)).toMatchObject({ title, action });
  });

  it('each provider outcome has its own words: declined, QR expired, cancelled, provider error', () => {
    const bodies = [
      'BFF_LOGIN_DECLINED',
      'BFF_LOGIN_TIMED_OUT',
      'BFF_LOGIN_CANCELLED',
      'BFF_PROVIDER_ERROR',
    ].map((code) => describeErrorCode(code));
    expect(new Set(bodies.map((m) => m.body)).size).toBe(4);
    expect(bodies[1]).toMatchObject({ title: 'The QR code expired', action: 'login' });
    expect(bodies[1]?.body).not.toContain('chose not to share');
    for (const message of bodies) expect(message.action).toBe('login');
  });

  it('a login that failed verification is told in plain words, without protocol jargon', () => {
    for (const code of [
      'BFF_ID_TOKEN_INVALID',
      'BFF_ID_TOKEN_SIGNATURE_INVALID',
      'BFF_ID_TOKEN_ALG_REJECTED',
      'BFF_USERINFO_SUB_MISMATCH',
      'BFF_JWE_ALG_REJECTED',
    ]) {
      const message = describeErrorCode(code);
      expect(message.body).toContain('We couldn’t confirm your login with Singpass');
      expect(`${message.title} ${message.body}`).not.toMatch(/token|JWE|signature|userinfo|sub\b/i);
    }
  });

  it('an unknown code is "Something went wrong" with the caller\'s recovery', () => {
    expect(describeErrorCode('BFF_SOMETHING_NEW')).toMatchObject({
      title: 'Something went wrong',
      action: 'reload',
    });
    expect(describeErrorCode('BFF_SOMETHING_NEW', 'login').action).toBe('login');
    expect(describeErrorCode(null).title).toBe('Something went wrong');
  });
});
