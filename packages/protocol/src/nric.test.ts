import { describe, expect, it } from 'vitest';
import { computeNricCheckLetter, isValidNric } from './nric';

describe('NRIC/FIN checksum', () => {
  it('accepts known-valid numbers from public test data', () => {
    for (const nric of ['S9812381D', 'S9812379B', 'S8979373D', 'F1612347K', 'T0066846F', 'G1234567X']) {
      expect(isValidNric(nric), nric).toBe(true);
    }
  });

  it('rejects a wrong check letter, a bad prefix and a bad shape', () => {
    expect(isValidNric('S9812381A')).toBe(false);
    expect(isValidNric('A9812381D')).toBe(false);
    expect(isValidNric('S981238D')).toBe(false);
    expect(isValidNric('s9812381d')).toBe(false);
  });

  it('computes check letters for each series', () => {
    expect(computeNricCheckLetter('S', '9812381')).toBe('D');
    expect(computeNricCheckLetter('F', '1612347')).toBe('K');
    expect(computeNricCheckLetter('X', '1612347')).toBeUndefined();
  });
});
