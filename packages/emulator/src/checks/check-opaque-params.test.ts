import { describe, expect, it } from 'vitest';
import { checkNonce, checkState } from './check-opaque-params';

const invalidRequest = expect.objectContaining({ oauthError: 'invalid_request' });

describe('checkState / checkNonce', () => {
  it('returns the value, or undefined when absent or empty', () => {
    expect(checkState({ state: 'a b/c=+' })).toBe('a b/c=+');
    expect(checkState({})).toBeUndefined();
    expect(checkNonce({ nonce: '' })).toBeUndefined();
  });
  it('rejects a repeated state', () => {
    expect(() => checkState({ state: ['a', 'b'] })).toThrow(invalidRequest);
  });
  it('rejects control characters and non-ASCII', () => {
    expect(() => checkState({ state: 'a\nb' })).toThrow(invalidRequest);
    expect(() => checkNonce({ nonce: 'café' })).toThrow(invalidRequest);
  });
  it('rejects values over 2048 characters', () => {
    expect(checkNonce({ nonce: 'n'.repeat(2048) })).toHaveLength(2048);
    expect(() => checkNonce({ nonce: 'n'.repeat(2049) })).toThrow(invalidRequest);
  });
});
