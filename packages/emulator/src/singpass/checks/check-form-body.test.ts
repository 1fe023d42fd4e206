import { describe, expect, it } from 'vitest';
import { checkFormBody } from './check-form-body';

describe('checkFormBody', () => {
  it('accepts a form body, charset or not', () => {
    expect(checkFormBody('application/x-www-form-urlencoded; charset=UTF-8', { a: '1' })).toEqual({ a: '1' });
  });
  it('refuses JSON and a missing body with invalid_request', () => {
    expect(() => checkFormBody('application/json', { a: '1' })).toThrow(
      expect.objectContaining({ oauthError: 'invalid_request' }),
    );
    expect(() => checkFormBody('application/x-www-form-urlencoded', undefined)).toThrow(/form-urlencoded/);
  });
});
