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
    ['BFF_PROVIDER_TIMEOUT', 'sgID is not available right now', 'login'],
    ['BFF_ID_TOKEN_INVALID', 'We could not verify your login', 'login'],
    ['BFF_RATE_LIMITED', 'Too many attempts', 'login'],
    ['BFF_STORE_UNAVAILABLE', 'Service temporarily unavailable', 'reload'],
    ['CLIENT_NETWORK_ERROR', 'You appear to be offline', 'reload'],
    ['BFF_COOKIE_MALFORMED', 'Please try again', 'reload'],
  ])('%s → "%s" (%s)', (code, title, action) => {
    expect(describeErrorCode(code)).toMatchObject({ title, action });
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
