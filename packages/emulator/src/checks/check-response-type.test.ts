import { describe, expect, it } from 'vitest';
import { checkResponseType } from './check-response-type';

describe('checkResponseType', () => {
  it('accepts code', () => {
    expect(checkResponseType({ response_type: 'code' })).toBe('code');
  });
  it('rejects a missing response_type as invalid_request', () => {
    expect(() => checkResponseType({})).toThrow(expect.objectContaining({ oauthError: 'invalid_request' }));
  });
  it.each(['token', 'id_token', 'code id_token', 'CODE', 'code '])('rejects %j as unsupported', (value) => {
    expect(() => checkResponseType({ response_type: value })).toThrow(
      expect.objectContaining({ oauthError: 'unsupported_response_type' }),
    );
  });
});
