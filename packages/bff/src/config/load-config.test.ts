import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '.';
import { problemsOf, TEST_PKCS8, TEST_RSA_KEY } from './test-env';

const PKCS8 = TEST_PKCS8;
const PKCS1 = TEST_RSA_KEY.export({ type: 'pkcs1', format: 'pem' }).toString();

const BASE = {
  SGID_CLIENT_ID: 'client',
  SGID_CLIENT_SECRET: 'shh-very-secret-value',
  SGID_PRIVATE_KEY: PKCS8,
  SPA_DIR: 'none',
};

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const config = loadConfig(BASE);
    expect(config).toMatchObject({
      port: 3000,
      publicOrigin: 'http://localhost:3000',
      sgid: {
        redirectUri: 'http://localhost:3000/auth/callback',
        origin: 'https://api.id.gov.sg',
        issuer: 'https://api.id.gov.sg/v2',
        scopes: ['openid', 'myinfo.name'],
        compat: 'none',
        timeoutMs: 5000,
      },
      session: {
        cookieName: '__Host-sgid-bff.session',
        idleTimeoutMs: 1_800_000,
        absoluteTimeoutMs: 43_200_000,
      },
      transaction: { cookieName: '__Host-sgid-bff.login' },
      store: { kind: 'sqlite' },
    });
  });

  it('reports every problem at once with its variable name', () => {
    const problems = problemsOf({
      PORT: 'abc',
      SESSION_STORE: 'mongo',
      SGID_SCOPES: 'myinfo.name',
      SESSION_IDLE_TIMEOUT: 'soon',
    });
    const names = problems.map((p) => p.split(':')[0]);
    expect(names).toEqual(
      expect.arrayContaining([
        'PORT',
        'SESSION_STORE',
        'SGID_SCOPES',
        'SESSION_IDLE_TIMEOUT',
        // No provider at all: one problem, under SGID_CLIENT_ID (CONFIG_NO_PROVIDER).
        'SGID_CLIENT_ID',
      ]),
    );
  });

  it('accepts the private key as PKCS#1, PKCS#8, with \\n escapes, or as a file path', () => {
    expect(loadConfig({ ...BASE, SGID_PRIVATE_KEY: PKCS1 }).sgid?.privateKeyPem.reveal()).toContain(
      'RSA PRIVATE KEY',
    );
    expect(() => loadConfig({ ...BASE, SGID_PRIVATE_KEY: PKCS8.replaceAll('\n', '\\n') })).not.toThrow();
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'sgid-key-')), 'key.pem');
    writeFileSync(file, PKCS1);
    expect(() => loadConfig({ ...BASE, SGID_PRIVATE_KEY: file })).not.toThrow();
    expect(
      problemsOf({
        ...BASE,
        SGID_PRIVATE_KEY: '-----BEGIN PRIVATE KEY-----\nnope\n-----END PRIVATE KEY-----',
      })[0],
    ).toMatch(/^SGID_PRIVATE_KEY:/);
    expect(problemsOf({ ...BASE, SGID_PRIVATE_KEY: '/no/such/file.pem' })[0]).toMatch(/^SGID_PRIVATE_KEY:/);
  });

  it('never prints secrets', () => {
    const config = loadConfig(BASE);
    const printed = `${JSON.stringify(config)} ${inspect(config, { depth: 10 })}`;
    expect(printed).not.toContain('shh-very-secret-value');
    expect(printed).not.toContain('PRIVATE KEY');
  });

  it('is deep-frozen', () => {
    const config = loadConfig(BASE);
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.sgid)).toBe(true);
    expect(Object.isFrozen(config.sgid?.scopes)).toBe(true);
  });

  it('keeps the __Host- prefix on the session cookie name', () => {
    expect(problemsOf({ ...BASE, SESSION_COOKIE_NAME: 'sid' })[0]).toMatch(/^SESSION_COOKIE_NAME:/);
    expect(loadConfig({ ...BASE, SESSION_COOKIE_NAME: '__Host-app' }).transaction.cookieName).toBe(
      '__Host-app.login',
    );
  });

  it('requires the redirect URI to be this BFF’s /auth/callback', () => {
    expect(problemsOf({ ...BASE, SGID_REDIRECT_URI: 'https://other.example/auth/callback' })[0]).toMatch(
      /^SGID_REDIRECT_URI:/,
    );
    expect(problemsOf({ ...BASE, SGID_REDIRECT_URI: 'http://localhost:3000/callback' })[0]).toMatch(
      /^SGID_REDIRECT_URI:/,
    );
  });

  it('refuses development conveniences in production, all at once', () => {
    const problems = problemsOf({
      ...BASE,
      NODE_ENV: 'production',
      PUBLIC_URL: 'http://app.example.gov.sg',
      SGID_COMPAT: 'mockpass',
      SESSION_STORE: 'memory',
    });
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual([
      'PUBLIC_URL',
      'SESSION_STORE',
      'SGID_COMPAT',
    ]);
  });

  it('allows them in development with warnings', () => {
    const config = loadConfig({ ...BASE, SGID_COMPAT: 'mockpass', SESSION_STORE: 'memory' });
    expect(config.warnings).toHaveLength(2);
  });

  it('accepts a production https deployment', () => {
    const config = loadConfig({ ...BASE, NODE_ENV: 'production', PUBLIC_URL: 'https://app.example.gov.sg' });
    expect(config.https).toBe(true);
    expect(config.warnings).toEqual([]);
  });

  it('refuses an absolute timeout shorter than the idle timeout', () => {
    expect(problemsOf({ ...BASE, SESSION_IDLE_TIMEOUT: '2h', SESSION_ABSOLUTE_TIMEOUT: '1h' })[0]).toMatch(
      /^SESSION_ABSOLUTE_TIMEOUT:/,
    );
  });
});

describe('loadConfig reports every problem in one pass', () => {
  function errorOf(env: Record<string, string | undefined>): ConfigError {
    try {
      loadConfig(env);
    } catch (error) {
      if (error instanceof ConfigError) return error;
      throw error;
    }
    throw new Error('expected a ConfigError');
  }

  it('a field error, a production refusal and a bad key are reported at once, each with its variable and code', () => {
    const error = errorOf({
      ...BASE,
      NODE_ENV: 'production',
      PUBLIC_URL: 'https://app.example.gov.sg',
      PORT: 'abc',
      SGID_COMPAT: 'mockpass',
      SGID_PRIVATE_KEY: '-----BEGIN PRIVATE KEY-----\nnope\n-----END PRIVATE KEY-----',
      API_ROUTES: '[{"prefix":"/api/a","upstream":"https://api.internal"}]',
    });
    expect(error.problems.map((p) => p.split(':')[0]).sort()).toEqual([
      'PORT',
      'PROXY_SIGNING_KEY',
      'SGID_COMPAT',
      'SGID_PRIVATE_KEY',
    ]);
    expect(error.details).toEqual(
      expect.arrayContaining([
        { variable: 'PORT', code: 'CONFIG_INVALID', message: expect.any(String) },
        {
          variable: 'SGID_PRIVATE_KEY',
          code: 'CONFIG_INVALID',
          message: 'is not a valid PEM private key (PKCS#1 or PKCS#8)',
        },
        {
          variable: 'SGID_COMPAT',
          code: 'CONFIG_REFUSED_IN_PRODUCTION',
          message: expect.stringMatching(/^not allowed in production/),
        },
        {
          variable: 'PROXY_SIGNING_KEY',
          code: 'CONFIG_REFUSED_IN_PRODUCTION',
          message: expect.stringMatching(/^not allowed in production/),
        },
      ]),
    );
    expect(error.message).toContain('  - SGID_COMPAT: not allowed in production');
  });

  it('a rule between variables is checked while another variable fails, and skipped when its own inputs fail', () => {
    const error = errorOf({
      ...BASE,
      SGID_CLIENT_ID: undefined,
      HEADERS_TIMEOUT: '61s',
      SESSION_IDLE_TIMEOUT: 'soon',
      SESSION_ABSOLUTE_TIMEOUT: '1m',
    });
    expect(error.details.map(({ variable, code }) => ({ variable, code }))).toEqual([
      { variable: 'SESSION_IDLE_TIMEOUT', code: 'CONFIG_INVALID' },
      { variable: 'SGID_CLIENT_ID', code: 'CONFIG_INCOMPLETE_GROUP' },
      { variable: 'HEADERS_TIMEOUT', code: 'CONFIG_CONFLICT' },
    ]);
  });
});
