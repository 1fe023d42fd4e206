import { describe, expect, it } from 'vitest';
import { readCookie, serializeCookie, serializeCookieDeletion } from './cookies';

describe('cookies', () => {
  it('serialises __Host- compatible attributes', () => {
    expect(serializeCookie('__Host-a', 'v', { sameSite: 'lax' })).toBe(
      '__Host-a=v; Path=/; Secure; HttpOnly; SameSite=Lax',
    );
    expect(serializeCookie('__Host-a', 'v', { sameSite: 'strict', maxAge: 60 })).toContain(
      'SameSite=Strict; Max-Age=60',
    );
    expect(serializeCookieDeletion('__Host-a')).toContain('Max-Age=0');
  });

  it.each([
    [undefined, undefined],
    ['', undefined],
    ['a=1; b=2', '2'],
    ['b=2; b=3', '2'],
    ['xb=1', undefined],
    ['b="quoted"', 'quoted'],
    ['garbage;;;=;b', undefined],
    ['b', undefined],
  ])('reads b from %j', (header, expected) => expect(readCookie(header, 'b')).toBe(expected));
});
