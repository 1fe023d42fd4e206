import { describe, expect, it } from 'vitest';
import { decodeJsonBlock, MAX_BLOCK_CHARS } from './decode-json-block';

describe('decodeJsonBlock', () => {
  it('takes an object as it is, and decodes a JSON string of one once', () => {
    const block = { Result_Set: { ESrvc_Row_Count: 0, ESrvc_Result: [] } };
    expect(decodeJsonBlock(block, 'auth_info')).toBe(block);
    expect(decodeJsonBlock(JSON.stringify(block), 'auth_info')).toEqual(block);
  });

  it('never decodes twice: a string of a string of JSON is refused', () => {
    const twice = JSON.stringify(JSON.stringify({ sub: 'u' }));
    expect(decodeJsonBlock(twice, 'act')).toEqual({
      problem: 'act is a JSON string of something other than an object',
    });
  });

  it('refuses what is not an object or JSON of one, without quoting the value', () => {
    expect(decodeJsonBlock('S1234567D not json', 'act')).toEqual({
      problem: 'act is a string that is not JSON',
    });
    for (const raw of [null, 42, true, ['x'], undefined])
      expect(decodeJsonBlock(raw, 'act')).toEqual({ problem: 'act is not an object' });
    for (const raw of ['[1,2]', '"x"', 'null', '7'])
      expect(decodeJsonBlock(raw, 'act')).toHaveProperty('problem');
  });

  it('refuses a string longer than the bound before parsing it', () => {
    const long = JSON.stringify({ pad: 'x'.repeat(MAX_BLOCK_CHARS) });
    expect(decodeJsonBlock(long, 'auth_info')).toEqual({
      problem: `auth_info is longer than ${MAX_BLOCK_CHARS} characters`,
    });
  });
});
