import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { derivePairwiseSub } from './pairwise-sub';

const secret = randomBytes(32);

describe('derivePairwiseSub', () => {
  it('is stable for the same person and client', () => {
    expect(derivePairwiseSub(secret, 'a', 'S9812381D')).toBe(derivePairwiseSub(secret, 'a', 'S9812381D'));
  });
  it('differs per client and per person', () => {
    const sub = derivePairwiseSub(secret, 'a', 'S9812381D');
    expect(derivePairwiseSub(secret, 'b', 'S9812381D')).not.toBe(sub);
    expect(derivePairwiseSub(secret, 'a', 'S8234567A')).not.toBe(sub);
  });
  it('keeps (client, person) boundaries apart', () => {
    expect(derivePairwiseSub(secret, 'aS', '9812381D')).not.toBe(derivePairwiseSub(secret, 'a', 'S9812381D'));
  });
  it('depends on the secret and does not contain the NRIC', () => {
    const sub = derivePairwiseSub(secret, 'a', 'S9812381D');
    expect(derivePairwiseSub(randomBytes(32), 'a', 'S9812381D')).not.toBe(sub);
    expect(sub).not.toContain('9812381');
    expect(sub).toMatch(/^[A-Za-z0-9_-]{32}$/);
  });
});
