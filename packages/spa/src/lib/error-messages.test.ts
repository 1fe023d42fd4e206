import { CLIENT_ERROR_CODES } from '@sgid-bff/client';
import { BFF_ERROR_CODES } from '@sgid-bff/protocol';
import { describe, expect, it } from 'vitest';
import { describeErrorCode, type ErrorMessageTable } from './error-messages';

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
      'BFF_ID_TOKEN_NOT_ENCRYPTED',
      'BFF_ID_TOKEN_DECRYPT_FAILED',
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

  // The table's type is proved by the typecheck (`tsc -p tsconfig.json`, part of `npm test`): each
  // `@ts-expect-error` fails the typecheck if the line it guards ever compiles.
  it('the SPA fails to type-check when its message table names a code the BFF does not have, or leaves one out', () => {
    const everyCode = Object.fromEntries(
      [...BFF_ERROR_CODES, ...CLIENT_ERROR_CODES].map((code) => [code, 'generic']),
    ) as ErrorMessageTable;
    const { BFF_INTERNAL: _left, ...withoutOne } = everyCode;
    // @ts-expect-error a table without BFF_INTERNAL has forgotten a code
    const forgotten: ErrorMessageTable = withoutOne;
    const withBogus: ErrorMessageTable = {
      ...everyCode,
      // @ts-expect-error BFF_NOPE is not a code the BFF sends
      BFF_NOPE: 'generic',
    };
    expect(Object.keys(forgotten)).toHaveLength(BFF_ERROR_CODES.length + CLIENT_ERROR_CODES.length - 1);
    expect(withBogus).toHaveProperty('BFF_NOPE');
  });

  it('every code the BFF or the SDK has gets a message with a way to recover', () => {
    for (const code of [...BFF_ERROR_CODES, ...CLIENT_ERROR_CODES]) {
      const message = describeErrorCode(code, 'login');
      expect(message.title, code).not.toBe('');
      expect(['login', 'reload'], code).toContain(message.action);
    }
  });
});
