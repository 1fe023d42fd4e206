import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { computeCodeChallenge, createToken, equalsConstantTime, hashToken, isTokenShaped } from './tokens';

describe('tokens', () => {
  it('creates 256-bit base64url tokens', () => {
    const token = createToken(randomBytes);
    expect(token).toHaveLength(43);
    expect(isTokenShaped(token)).toBe(true);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
  });

  it('hashes tokens so the store never holds them', () => {
    const token = createToken(randomBytes);
    expect(hashToken(token)).not.toBe(token);
    expect(hashToken(token)).toBe(hashToken(token));
  });

  it('computes the RFC 7636 S256 test vector from the sgID docs', () => {
    expect(computeCodeChallenge('bbGcObXZC1YGBQZZtZGQH9jsyO1vypqCGqnSU_4TI5S')).toBe(
      'zaqUHoBV3rnhBF2g0Gkz1qkpEZXHqi2OrPK1DqRi-Lk',
    );
  });

  it('compares in constant time, any length', () => {
    expect(equalsConstantTime('abc', 'abc')).toBe(true);
    expect(equalsConstantTime('abc', 'abd')).toBe(false);
    expect(equalsConstantTime('abc', 'abcd')).toBe(false);
  });
});
