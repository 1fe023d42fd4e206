import { describe, expect, it } from 'vitest';
import type { EmulatorError } from '../../errors';
import { catchError } from '../../testing/registered-client';
import type { CorppassRegisteredClient } from '../config/corppass-client';
import { checkCorppassContextType } from './check-corppass-context-type';

function client(overrides: Partial<CorppassRegisteredClient> = {}): CorppassRegisteredClient {
  return {
    provider: 'corppass',
    id: 'cp',
    name: 'CP',
    appType: 'login',
    redirectUris: [],
    scopes: new Set(['openid']),
    jwks: undefined,
    jwksUri: 'https://rp.example/jwks',
    acrValues: new Set(),
    contextTypes: new Set(['APP_AUTHENTICATION_DEFAULT']),
    appLaunchUrls: [],
    faults: [],
    ...overrides,
  };
}

function codeOf(run: () => void): string | undefined {
  return (catchError(run) as EmulatorError | undefined)?.oauthError;
}

describe('checkCorppassContextType', () => {
  it('requires exactly APP_AUTHENTICATION_DEFAULT from an allow-listed Login app', () => {
    expect(() =>
      checkCorppassContextType(client(), { authentication_context_type: 'APP_AUTHENTICATION_DEFAULT' }),
    ).not.toThrow();
    expect(codeOf(() => checkCorppassContextType(client(), {}))).toBe('invalid_request');
    expect(
      codeOf(() =>
        checkCorppassContextType(client(), { authentication_context_type: 'APP_PAYMENT_DEFAULT' }),
      ),
    ).toBe('invalid_request');
  });
  it('allows letters, digits and spaces in the message, at most 100', () => {
    const type = { authentication_context_type: 'APP_AUTHENTICATION_DEFAULT' };
    expect(() =>
      checkCorppassContextType(client(), { ...type, authentication_context_message: 'File GST 2026' }),
    ).not.toThrow();
    expect(
      codeOf(() => checkCorppassContextType(client(), { ...type, authentication_context_message: 'a.b' })),
    ).toBe('invalid_request');
    expect(
      codeOf(() =>
        checkCorppassContextType(client(), { ...type, authentication_context_message: 'a'.repeat(101) }),
      ),
    ).toBe('invalid_request');
  });
  it('refuses either parameter from an app that is not allow-listed, or a Myinfo Business app', () => {
    expect(() => checkCorppassContextType(client({ contextTypes: undefined }), {})).not.toThrow();
    expect(
      codeOf(() =>
        checkCorppassContextType(client({ contextTypes: undefined }), {
          authentication_context_type: 'APP_AUTHENTICATION_DEFAULT',
        }),
      ),
    ).toBe('invalid_request');
    expect(
      codeOf(() =>
        checkCorppassContextType(client({ appType: 'myinfo_business' }), {
          authentication_context_message: 'hi',
        }),
      ),
    ).toBe('invalid_request');
  });
});
