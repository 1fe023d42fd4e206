import { describe, expect, it } from 'vitest';
import { checkGrantType } from './check-grant-type';

describe('checkGrantType', () => {
  it('accepts authorization_code', () => {
    expect(checkGrantType({ grant_type: 'authorization_code' })).toBe('authorization_code');
  });
  it('rejects a missing grant_type as invalid_request', () => {
    expect(() => checkGrantType({})).toThrow(expect.objectContaining({ oauthError: 'invalid_request' }));
  });
  it.each(['refresh_token', 'client_credentials', 'password', 'urn:ietf:params:oauth:grant-type:jwt-bearer'])(
    'rejects %s as unsupported_grant_type',
    (grantType) => {
      expect(() => checkGrantType({ grant_type: grantType })).toThrow(
        expect.objectContaining({ oauthError: 'unsupported_grant_type', status: 400 }),
      );
    },
  );
});
