import { describe, expect, it } from 'vitest';
import { checkDpopKeyBinding } from './check-dpop-key-binding';

describe('checkDpopKeyBinding', () => {
  it("accepts PAR's key", () => {
    expect(() => checkDpopKeyBinding('k', 'k', 'invalid_grant', false)).not.toThrow();
  });
  it('answers another key with the configured error', () => {
    expect(() => checkDpopKeyBinding('k2', 'k', 'invalid_grant', false)).toThrow(
      expect.objectContaining({ oauthError: 'invalid_grant' }),
    );
    expect(() => checkDpopKeyBinding('k2', 'k', 'invalid_dpop_proof', false)).toThrow(
      expect.objectContaining({ oauthError: 'invalid_dpop_proof' }),
    );
  });
  it('answers a mismatch under the dpop-key-mismatch fault even for the right key', () => {
    expect(() => checkDpopKeyBinding('k', 'k', 'invalid_grant', true)).toThrow(/differs/);
  });
});
