import { describe, expect, it } from 'vitest';
import { parseRateRule } from './rate-rule';

describe('parseRateRule', () => {
  it('reads N as N per minute and N/duration as N per window', () => {
    expect(parseRateRule('60')).toEqual({ limit: 60, windowMs: 60_000 });
    expect(parseRateRule('30/1m')).toEqual({ limit: 30, windowMs: 60_000 });
    expect(parseRateRule('5/10s')).toEqual({ limit: 5, windowMs: 10_000 });
    expect(parseRateRule('100/h')).toEqual({ limit: 100, windowMs: 3_600_000 });
  });

  it.each(['', 'x', '0', '-1', '1/2/3', '5/forever', '5/100ms', '5/2d', '2000000'])('refuses %j', (text) => {
    expect(typeof parseRateRule(text)).toBe('string');
  });
});
