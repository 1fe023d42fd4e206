import { describe, expect, it } from 'vitest';
import { readParam, requireParam } from './read-param';

describe('readParam', () => {
  it('reads a single string and treats empty as absent', () => {
    expect(readParam({ a: 'x' }, 'a')).toBe('x');
    expect(readParam({ a: '' }, 'a')).toBeUndefined();
    expect(readParam({}, 'a')).toBeUndefined();
  });
  it('rejects repeated and non-string values', () => {
    expect(() => readParam({ a: ['x', 'y'] }, 'a')).toThrow(
      expect.objectContaining({ code: 'EMU_INVALID_REQUEST' }),
    );
    expect(() => readParam({ a: 1 }, 'a')).toThrow(expect.objectContaining({ code: 'EMU_INVALID_REQUEST' }));
    expect(() => readParam({ a: { b: 1 } }, 'a')).toThrow(
      expect.objectContaining({ code: 'EMU_INVALID_REQUEST' }),
    );
  });
  it('requireParam names the missing parameter', () => {
    expect(() => requireParam({}, 'code')).toThrow(
      expect.objectContaining({ description: 'code is required' }),
    );
  });
});
