import { describe, expect, it } from 'vitest';
import { checkDpopBinding } from './check-dpop-binding';

describe('checkDpopBinding', () => {
  it('binds to the proof key, or to dpop_jkt alone', () => {
    expect(checkDpopBinding({}, 'k1')).toBe('k1');
    expect(checkDpopBinding({ dpop_jkt: 'k2' }, undefined)).toBe('k2');
    expect(checkDpopBinding({ dpop_jkt: 'k1' }, 'k1')).toBe('k1');
  });
  it('refuses neither, and a mismatch, with invalid_request', () => {
    expect(() => checkDpopBinding({}, undefined)).toThrow(
      expect.objectContaining({ oauthError: 'invalid_request' }),
    );
    expect(() => checkDpopBinding({ dpop_jkt: 'k2' }, 'k1')).toThrow(/does not match/);
  });
});
