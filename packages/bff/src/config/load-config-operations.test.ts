import { generateKeyPairSync } from 'node:crypto';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '.';
import { BASE_ENV, problemsOf } from './test-env';

const BASE = BASE_ENV;
const EC_PEM = generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
  .privateKey.export({ type: 'pkcs8', format: 'pem' })
  .toString();
const PRODUCTION = {
  ...BASE,
  NODE_ENV: 'production',
  PUBLIC_URL: 'https://app.example.gov.sg',
  SESSION_STORE: 'redis',
};

describe('production configuration', () => {
  it('reads API_ROUTES with defaults: GET only, no claims, the default audience and timeout', () => {
    const config = loadConfig({
      ...BASE,
      API_ROUTES: '[{"prefix":"/api/demo","upstream":"http://127.0.0.1:4001/v1/"}]',
    });
    expect(config.proxy).toMatchObject({
      routes: [
        {
          prefix: '/api/demo',
          upstream: 'http://127.0.0.1:4001/v1',
          methods: ['GET'],
          claims: [],
          audience: undefined,
          timeoutMs: undefined,
          headers: [],
        },
      ],
      timeoutMs: 30_000,
      bodyLimit: 1_048_576,
      tokenTtlSeconds: 60,
    });
  });

  it('reports every API_ROUTES problem at once, each with its route index', () => {
    const problems = problemsOf({
      ...BASE,
      API_ROUTES: JSON.stringify([
        { prefix: '/demo', upstream: 'ftp://x', methods: ['TRACE'] },
        {
          prefix: '/api/a',
          upstream: 'http://h?q=1',
          headers: ['Cookie', 'X-User-Id', 'x-tenant'],
          extra: 1,
        },
        { prefix: '/api/b', upstream: 'http://h', timeout: 'soon' },
      ]),
    });
    const text = problems.join('\n');
    expect(text).toContain('API_ROUTES: [0].prefix');
    expect(text).toContain('API_ROUTES: [0].upstream');
    expect(text).toContain('API_ROUTES: [0].methods[0]');
    expect(text).toContain('API_ROUTES: [1].upstream: must have no query');
    expect(text).toContain('API_ROUTES: [1].headers[0]');
    expect(text).toContain('API_ROUTES: [1].headers[1]');
    expect(text).not.toContain('[1].headers[2]');
    expect(text).toMatch(/API_ROUTES: \[1\].*extra/);
    expect(text).toContain('API_ROUTES: [2].timeout');
    expect(problemsOf({ ...BASE, API_ROUTES: 'not json' })).toEqual([
      'API_ROUTES: is not valid JSON (expected an array of routes)',
    ]);
  });

  it('refuses overlapping prefixes and claims the BFF never asks sgID for', () => {
    const overlapping = problemsOf({
      ...BASE,
      API_ROUTES: JSON.stringify([
        { prefix: '/api/a', upstream: 'http://h' },
        { prefix: '/api/a/b', upstream: 'http://h' },
      ]),
    });
    expect(overlapping).toEqual(['API_ROUTES: [1].prefix: /api/a/b overlaps [0] /api/a']);
    const unknownClaim = problemsOf({
      ...BASE,
      API_ROUTES: JSON.stringify([
        { prefix: '/api/a', upstream: 'http://h', claims: ['myinfo.name', 'myinfo.email'] },
      ]),
    });
    expect(unknownClaim).toEqual([
      'API_ROUTES: [0].claims: myinfo.email is not in SGID_SCOPES, so no session has it',
    ]);
  });

  it('in production, API routes need PROXY_SIGNING_KEY and TRUST_PROXY=true is refused', () => {
    const routes = '[{"prefix":"/api/demo","upstream":"https://api.internal"}]';
    const problems = problemsOf({ ...PRODUCTION, API_ROUTES: routes, TRUST_PROXY: 'true' });
    expect(problems.some((p) => p.startsWith('PROXY_SIGNING_KEY: not allowed in production'))).toBe(true);
    expect(problems.some((p) => p.startsWith('TRUST_PROXY: not allowed in production'))).toBe(true);
    const config = loadConfig({
      ...PRODUCTION,
      API_ROUTES: routes,
      PROXY_SIGNING_KEY: EC_PEM,
      TRUST_PROXY: '10.0.0.0/8, 127.0.0.1,loopback',
    });
    expect(config.trustProxy).toEqual(['10.0.0.0/8', '127.0.0.1', 'loopback']);
    expect(inspect(config.proxy)).not.toContain('PRIVATE KEY');
  });

  it('refuses a PROXY_SIGNING_KEY that is not EC P-256 or RSA ≥ 2048, and bad TRUST_PROXY entries', () => {
    const small = generateKeyPairSync('ec', { namedCurve: 'secp384r1' })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString();
    expect(problemsOf({ ...BASE, PROXY_SIGNING_KEY: small })).toEqual([
      'PROXY_SIGNING_KEY: key 1: must be an EC P-256 key or an RSA key of at least 2048 bits',
    ]);
    expect(problemsOf({ ...BASE, PROXY_SIGNING_KEY: '/nonexistent/key.pem' })).toEqual([
      'PROXY_SIGNING_KEY: is neither PEM text nor a readable file path',
    ]);
    expect(problemsOf({ ...BASE, TRUST_PROXY: '10.0.0.0/33' })[0]).toMatch(
      /^TRUST_PROXY: 10.0.0.0\/33 is not/,
    );
    expect(problemsOf({ ...BASE, TRUST_PROXY: 'example.com' })[0]).toMatch(/^TRUST_PROXY:/);
  });

  it('reads rate limits as N/window, operator tokens as secrets of at least 32 characters', () => {
    const config = loadConfig({
      ...BASE,
      RATE_LIMIT_LOGIN: '30/1m',
      RATE_LIMIT_CALLBACK: '100',
      ADMIN_TOKEN: 'a'.repeat(32),
      METRICS_TOKEN: 'm'.repeat(40),
    });
    expect(config.rateLimit).toEqual({
      login: { limit: 30, windowMs: 60_000 },
      callback: { limit: 100, windowMs: 60_000 },
      ipv6PrefixBits: 64,
    });
    expect(config.adminToken?.reveal()).toBe('a'.repeat(32));
    expect(JSON.stringify(config)).not.toContain('a'.repeat(32));
    expect(problemsOf({ ...BASE, RATE_LIMIT_LOGIN: '30 per minute', METRICS_TOKEN: 'short' })).toEqual([
      'RATE_LIMIT_LOGIN: expected N or N/duration, e.g. 30/1m',
      'METRICS_TOKEN: must be at least 32 characters (e.g. openssl rand -base64 32)',
    ]);
  });
});
