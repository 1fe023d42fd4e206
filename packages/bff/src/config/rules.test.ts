import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '.';
import { BASE_ENV } from './test-env';

const BASE = { ...BASE_ENV, PUBLIC_URL: 'https://app.example.gov.sg' };

/** Each development convenience, with the variables that turn it on. */
const CONVENIENCES: Array<[string, Record<string, string>]> = [
  ['PUBLIC_URL', { PUBLIC_URL: 'http://app.example.gov.sg' }],
  ['SGID_COMPAT', { SGID_COMPAT: 'mockpass' }],
  ['SESSION_STORE', { SESSION_STORE: 'memory' }],
  ['SGID_HOSTNAME', { SGID_HOSTNAME: 'http://127.0.0.1:5156' }],
  ['PROXY_SIGNING_KEY', { API_ROUTES: '[{"prefix":"/api/a","upstream":"https://api.internal"}]' }],
  ['TRUST_PROXY', { TRUST_PROXY: 'true' }],
];

describe('the classifier of rules between variables', () => {
  it.each(CONVENIENCES)('%s is a warning outside production', (name, env) => {
    const config = loadConfig({ ...BASE, ...env });
    expect(config.warnings).toEqual([expect.stringMatching(new RegExp(`^${name}: development only — `))]);
  });

  it.each(CONVENIENCES)('%s is refused in production with CONFIG_REFUSED_IN_PRODUCTION', (name, env) => {
    let error: unknown;
    try {
      loadConfig({ ...BASE, NODE_ENV: 'production', ...env });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).details).toEqual([
      {
        variable: name,
        code: 'CONFIG_REFUSED_IN_PRODUCTION',
        message: expect.stringMatching(/^not allowed in production \(/),
      },
    ]);
  });

  it('a conflict between variables is refused in every environment', () => {
    for (const NODE_ENV of ['development', 'test', 'production']) {
      let error: unknown;
      try {
        loadConfig({ ...BASE, NODE_ENV, SESSION_IDLE_TIMEOUT: '2h', SESSION_ABSOLUTE_TIMEOUT: '1h' });
      } catch (caught) {
        error = caught;
      }
      expect((error as ConfigError).details).toEqual([
        {
          variable: 'SESSION_ABSOLUTE_TIMEOUT',
          code: 'CONFIG_CONFLICT',
          message: 'must not be shorter than SESSION_IDLE_TIMEOUT',
        },
      ]);
    }
  });
});
