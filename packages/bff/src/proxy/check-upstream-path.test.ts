import { describe, expect, it } from 'vitest';
import { checkUpstreamPath } from './check-upstream-path';

describe('checkUpstreamPath', () => {
  it.each(['', '/', '/hello', '/a/b?x=1&y=%2F', '?q=1', '/caf%C3%A9', '/a..b'])('accepts %j', (suffix) => {
    expect(checkUpstreamPath(suffix)).toBe(suffix);
  });

  it.each([
    '/..',
    '/a/../b',
    '/%2e%2e/x',
    '/.%2E',
    '/./a',
    '/a%2Fb',
    '/a%5Cb',
    '/a\\b',
    '/%zz',
    '/a%00',
    'x',
  ])('refuses %j', (suffix) => {
    expect(checkUpstreamPath(suffix)).toBeUndefined();
  });
});
