import { describe, expect, it } from 'vitest';
import type { ApiRoute } from '../config';
import { filterResponseHeaders, PROXIED_CSP, rewriteLocation } from './forward-headers';

const route = (extra: Partial<ApiRoute> = {}): ApiRoute => ({
  prefix: '/api/java',
  upstream: 'http://up.internal:8080/base',
  methods: ['GET'],
  claims: [],
  audience: undefined,
  timeoutMs: undefined,
  headers: [],
  upstreamCsp: false,
  upstreamCacheControl: false,
  requireRoles: [],
  ...extra,
});
const requested = 'http://up.internal:8080/base/dir/page?x=1';

describe('rewriteLocation', () => {
  it.each([
    ['http://up.internal:8080/base/next?y=2#f', '/api/java/next?y=2#f'],
    ['/base', '/api/java'],
    ['sibling', '/api/java/dir/sibling'],
    ['../up', '/api/java/up'],
    ['?page=2', '/api/java/dir/page?page=2'],
  ])('rewrites %j inside the base to %j', (location, expected) => {
    expect(rewriteLocation(location, route(), requested)).toBe(expected);
  });

  it.each([
    'https://evil.example/',
    '//evil.example/x',
    'http://up.internal:8081/base/x',
    'https://up.internal:8080/base/x',
    'http://up.internal:8080/secret',
    'http://up.internal:8080/basement',
    '/base/../secret',
    '../../secret',
    'http://[bad',
  ])('drops %j', (location) => {
    expect(rewriteLocation(location, route(), requested)).toBeUndefined();
  });

  it('keeps the whole origin when the upstream has no base path', () => {
    const bare = route({ upstream: 'http://up.internal:8080' });
    expect(rewriteLocation('/anything', bare, 'http://up.internal:8080/x')).toBe('/api/java/anything');
  });
});

describe('filterResponseHeaders', () => {
  const hostile = {
    'content-type': 'text/html',
    'content-security-policy': "script-src 'unsafe-inline'",
    'cache-control': 'public, max-age=600',
    expires: 'Thu, 01 Jan 2099 00:00:00 GMT',
    'set-cookie': ['a=1'],
    'clear-site-data': '"*"',
    refresh: '0; url=https://evil.example/',
    'alt-svc': 'h2=":443"',
    'service-worker-allowed': '/',
    location: 'https://evil.example/',
    connection: 'x-hop',
    'x-hop': '1',
    etag: '"v1"',
  };

  it('drops what would act on the origin, sets the sandbox CSP and no-store, keeps the rest', () => {
    expect(filterResponseHeaders(hostile, route(), requested)).toEqual({
      'content-type': 'text/html',
      'content-security-policy': PROXIED_CSP,
      'cache-control': 'no-store',
      etag: '"v1"',
    });
  });

  it('passes the CSP and Cache-Control of a route that opts in', () => {
    const out = filterResponseHeaders(
      hostile,
      route({ upstreamCsp: true, upstreamCacheControl: true }),
      requested,
    );
    expect(out['content-security-policy']).toBe("script-src 'unsafe-inline'");
    expect(out['cache-control']).toBe('public, max-age=600');
    expect(out.expires).toBe('Thu, 01 Jan 2099 00:00:00 GMT');
    expect(out['clear-site-data']).toBeUndefined();
  });

  it('an opted-in route without an upstream Cache-Control still gets no-store', () => {
    const out = filterResponseHeaders(
      { 'content-type': 'application/json' },
      route({ upstreamCacheControl: true }),
      requested,
    );
    expect(out['cache-control']).toBe('no-store');
  });
});
