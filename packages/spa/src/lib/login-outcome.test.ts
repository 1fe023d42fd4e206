import { describe, expect, it } from 'vitest';
import { readLoginError, readLoginRequestId, withoutLoginOutcome } from './login-outcome';

describe('readLoginError', () => {
  it('reads ?error=CODE and ?login=declined', () => {
    expect(readLoginError('?error=BFF_LOGIN_EXPIRED')).toBe('BFF_LOGIN_EXPIRED');
    expect(readLoginError('?login=declined')).toBe('BFF_LOGIN_DECLINED');
    expect(readLoginError('?error=access_denied&error_description=x')).toBe('access_denied');
    expect(readLoginError('')).toBeNull();
    expect(readLoginError('?tab=1')).toBeNull();
  });

  it('reads the outcome, code and request id the BFF puts on returnTo', () => {
    const search = '?tab=2&login=expired&error=BFF_LOGIN_TIMED_OUT&requestId=req-1a2b';
    expect(readLoginError(search)).toBe('BFF_LOGIN_TIMED_OUT');
    expect(readLoginRequestId(search)).toBe('req-1a2b');
    expect(readLoginError('?login=cancelled')).toBe('BFF_LOGIN_CANCELLED');
    expect(readLoginRequestId('?requestId=%3Cb%3E')).toBeUndefined();
  });

  it('does not echo odd values from the URL', () => {
    expect(readLoginError('?error=%3Cscript%3E')).toBe('UNKNOWN');
    expect(readLoginError(`?error=${'A'.repeat(100)}`)).toBe('UNKNOWN');
  });
});

describe('withoutLoginOutcome', () => {
  it('drops the outcome parameters and keeps the rest', () => {
    expect(withoutLoginOutcome('/profile?error=BFF_X&tab=2#top')).toBe('/profile?tab=2#top');
    expect(withoutLoginOutcome('/?login=declined')).toBe('/');
    expect(withoutLoginOutcome('/p?login=failed&error=BFF_X&requestId=r&tab=1')).toBe('/p?tab=1');
  });
});
