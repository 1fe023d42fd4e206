import { describe, expect, it } from 'vitest';
import { createTestSingpassClient } from '../testing/singpass-client';
import { checkContextType } from './check-context-type';

const login = createTestSingpassClient();
const myinfo = createTestSingpassClient({ appType: 'myinfo' });
const invalid = expect.objectContaining({ oauthError: 'invalid_request' });

describe('checkContextType', () => {
  it('requires a documented context type for Login apps', () => {
    expect(() =>
      checkContextType(login, { authentication_context_type: 'APP_PAYMENT_DEFAULT' }),
    ).not.toThrow();
    expect(() =>
      checkContextType(login, { authentication_context_type: 'BANK_ADD_LOCAL_RECEIPIENT' }),
    ).not.toThrow();
    expect(() => checkContextType(login, {})).toThrow(invalid);
    expect(() =>
      checkContextType(login, { authentication_context_type: 'app_authentication_default' }),
    ).toThrow(invalid);
  });
  it('limits the types to the registered ones when the client lists them', () => {
    const limited = createTestSingpassClient({ contextTypes: new Set(['APP_AUTHENTICATION_DEFAULT']) });
    expect(() => checkContextType(limited, { authentication_context_type: 'APP_PAYMENT_DEFAULT' })).toThrow(
      invalid,
    );
  });
  it('checks the message length and charset', () => {
    const type = 'APP_AUTHENTICATION_DEFAULT';
    expect(() =>
      checkContextType(login, {
        authentication_context_type: type,
        authentication_context_message: "Pay S (1,000.00) to Tan's @shop!",
      }),
    ).not.toThrow();
    expect(() =>
      checkContextType(login, {
        authentication_context_type: type,
        authentication_context_message: 'a'.repeat(101),
      }),
    ).toThrow(invalid);
    expect(() =>
      checkContextType(login, {
        authentication_context_type: type,
        authentication_context_message: 'pay $5',
      }),
    ).toThrow(invalid);
  });
  it('forbids both parameters on Myinfo apps', () => {
    expect(() => checkContextType(myinfo, {})).not.toThrow();
    expect(() =>
      checkContextType(myinfo, { authentication_context_type: 'APP_AUTHENTICATION_DEFAULT' }),
    ).toThrow(/only for Login apps/);
    expect(() => checkContextType(myinfo, { authentication_context_message: 'hello' })).toThrow(
      /only for Login apps/,
    );
  });
});
