import { describe, expect, it } from 'vitest';
import { checkParResponseType } from './check-par-response-type';

describe('checkParResponseType', () => {
  it('accepts code only, answering invalid_request otherwise', () => {
    expect(() => checkParResponseType({ response_type: 'code' })).not.toThrow();
    for (const value of ['token', 'code id_token', undefined])
      expect(() => checkParResponseType({ response_type: value })).toThrow(
        expect.objectContaining({ oauthError: 'invalid_request' }),
      );
  });
});
