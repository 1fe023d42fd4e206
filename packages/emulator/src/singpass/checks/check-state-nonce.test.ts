import { describe, expect, it } from 'vitest';
import { checkStateAndNonce } from './check-state-nonce';

describe('checkStateAndNonce', () => {
  it('accepts up to 255 characters of Singpass charset, short values included', () => {
    expect(checkStateAndNonce({ state: 'a/b+c_d-e=f.g', nonce: 'n'.repeat(255) })).toEqual({
      state: 'a/b+c_d-e=f.g',
      nonce: 'n'.repeat(255),
    });
  });
  it('refuses missing, over-long and out-of-charset values with invalid_request', () => {
    const invalid = expect.objectContaining({ oauthError: 'invalid_request' });
    expect(() => checkStateAndNonce({ nonce: 'n' })).toThrow(invalid);
    expect(() => checkStateAndNonce({ state: 's' })).toThrow(invalid);
    expect(() => checkStateAndNonce({ state: 's'.repeat(256), nonce: 'n' })).toThrow(invalid);
    expect(() => checkStateAndNonce({ state: 's', nonce: 'n n' })).toThrow(invalid);
    expect(() => checkStateAndNonce({ state: 's~', nonce: 'n' })).toThrow(invalid);
  });
});
