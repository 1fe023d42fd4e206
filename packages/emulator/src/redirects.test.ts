import { describe, expect, it } from 'vitest';
import { buildCodeRedirect, buildErrorRedirect } from './redirects';

describe('redirects', () => {
  it('adds code and state to the registered URI, keeping its own query', () => {
    const url = new URL(buildCodeRedirect('https://rp.example/cb?tenant=1', 'c0de', 'a b&c'));
    expect(url.searchParams.get('tenant')).toBe('1');
    expect(url.searchParams.get('code')).toBe('c0de');
    expect(url.searchParams.get('state')).toBe('a b&c');
  });
  it('omits state when the request had none (never "undefined")', () => {
    const href = buildCodeRedirect('https://rp.example/cb', 'c0de', undefined);
    expect(href).toBe('https://rp.example/cb?code=c0de');
  });
  it('builds RFC 6749 error redirects with a safe description', () => {
    const url = new URL(buildErrorRedirect('https://rp.example/cb', 'invalid_scope', 'bad "scope"\n\\', 's'));
    expect(url.searchParams.get('error')).toBe('invalid_scope');
    expect(url.searchParams.get('error_description')).toBe('bad  scope   ');
    expect(url.searchParams.get('state')).toBe('s');
  });
});
