import { describe, expect, it } from 'vitest';
import { sanitiseReturnTo } from './check-return-to';

const ORIGIN = 'http://localhost:3000';

describe('sanitiseReturnTo', () => {
  it.each([
    ['/', '/'],
    ['/profile', '/profile'],
    ['/a/b?x=1#h', '/a/b?x=1#h'],
    ['/caf%C3%A9', '/caf%C3%A9'],
  ])('keeps local path %j', (input, expected) => expect(sanitiseReturnTo(input, ORIGIN)).toBe(expected));

  it.each([
    undefined,
    '',
    '//evil.example',
    '/\\evil.example',
    '\\\\evil.example',
    'https://evil.example',
    'evil.example',
    'javascript:alert(1)',
    '/%2F%2Fevil.example',
    '%2F%2Fevil.example',
    '/%5Cevil.example',
    '/%252F%252Fevil.example',
    '/a\nb',
    '/a%0d%0aSet-Cookie:x',
    '/\tevil',
    '/javascript:alert(1)',
    `/${'a'.repeat(3000)}`,
    '/%E0%A4%A',
    '/.//evil.example/..',
    '/a/..//evil.example',
  ])('replaces hostile %j with /', (input) => expect(sanitiseReturnTo(input, ORIGIN)).toBe('/'));
});
