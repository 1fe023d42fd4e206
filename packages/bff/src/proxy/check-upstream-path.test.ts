import { describe, expect, it } from 'vitest';
import { checkUpstreamPath } from './check-upstream-path';

describe('checkUpstreamPath', () => {
  it.each([
    '',
    '/',
    '/hello',
    '/a/b?x=1&y=%2F',
    '?q=1',
    '/caf%C3%A9',
    '/a..b',
    '/...',
    '/100%25',
    '/a?x=..;/y',
  ])('accepts %j', (suffix) => {
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
    // Tomcat-style path parameters and their encodings.
    '/..;/secret',
    '/..;jsessionid=x/secret',
    '/%2e%2e;/secret',
    '/%2e%2e%3b/secret',
    '/a;b',
    '/a%3bb',
    // Double (and deeper) encoding.
    '/%252e%252e/secret',
    '/%25252e%25252e/secret',
    '/a%252fb',
    // Compatibility forms, a raw fragment.
    '/\uff0e\uff0e/secret',
    '/%EF%BC%8E%EF%BC%8E/secret',
    '/a#/../b',
  ])('refuses %j', (suffix) => {
    expect(checkUpstreamPath(suffix)).toBeUndefined();
  });
});
