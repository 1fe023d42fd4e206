import { describe, expect, it } from 'vitest';
import { createPathMatcher } from './bff-paths';

const withProxy = createPathMatcher({
  proxy: { routes: [{ prefix: '/api/demo' }] },
} as unknown as Parameters<typeof createPathMatcher>[0]);
const withoutProxy = createPathMatcher({ proxy: { routes: [] } } as unknown as Parameters<
  typeof createPathMatcher
>[0]);

describe('the mounted BFF paths', () => {
  it.each([
    '/auth',
    '/auth/login?returnTo=/x',
    '/auth/callback/singpass',
    '/auth/nothing',
    '/healthz',
    '/readyz',
    '/metrics',
    '/admin/sessions/revoke',
    '/api/demo',
    '/api/demo/profile?x=1',
    '/.well-known/jwks.json',
  ])('%s is the BFF’s', (url) => {
    expect(withProxy(url)).toBe(true);
  });

  it.each([
    '/',
    '/index.html',
    '/favicon.svg',
    '/profile',
    '/authx',
    '/api/other',
    '/api/demox',
    '/healthz/deep',
    '/admin/other',
  ])('%s is the host’s', (url) => {
    expect(withProxy(url)).toBe(false);
  });

  it('without API_ROUTES, /api and the identity JWKS are the host’s', () => {
    expect(withoutProxy('/api/demo')).toBe(false);
    expect(withoutProxy('/.well-known/jwks.json')).toBe(false);
    expect(withoutProxy('/auth/session')).toBe(true);
  });
});
