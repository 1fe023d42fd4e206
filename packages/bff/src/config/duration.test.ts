import { describe, expect, it } from 'vitest';
import { parseDuration } from './duration';

describe('parseDuration', () => {
  it.each([
    ['1800', 1_800_000],
    ['30m', 1_800_000],
    ['12h', 43_200_000],
    ['500ms', 500],
    ['5s', 5000],
    ['1d', 86_400_000],
  ])('reads %s', (text, ms) => expect(parseDuration(text)).toBe(ms));

  it.each(['', 'abc', '-5', '1.5h', '5 minutes', '10y'])('rejects %j', (text) =>
    expect(parseDuration(text)).toBeUndefined(),
  );
});
