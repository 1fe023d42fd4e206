import { describe, expect, it } from 'vitest';
import { ConfigError } from './config-error';
import { loadConfig } from './load-config';
import { type BffConfigInput, loadConfigObject } from './load-config-object';
import { BASE_ENV } from './test-env';

function problemsOf(run: () => unknown) {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error.details.map(({ variable, code }) => ({ variable, code }));
    throw error;
  }
  return [];
}

describe('loadConfigObject', () => {
  it('reads the same variables as the environment, numbers and booleans written as the environment holds them', () => {
    const fromEnv = loadConfig({ ...BASE_ENV, PORT: '3001', LOG_REQUESTS: 'true' });
    const fromObject = loadConfigObject({ ...BASE_ENV, PORT: 3001, LOG_REQUESTS: true });
    expect(fromObject).toEqual(fromEnv);
    expect(fromObject.port).toBe(3001);
    expect(Object.isFrozen(fromObject)).toBe(true);
  });

  it('reports every problem at once: an unknown key, a value of the wrong type, and the schema problems', () => {
    const input = {
      PUBLIC_URL: 'not a url',
      PORT: { nope: true },
      SGID_CLIENTID: 'typo',
    } as unknown as BffConfigInput;
    const problems = problemsOf(() => loadConfigObject(input));
    expect(problems).toEqual(
      expect.arrayContaining([
        { variable: 'SGID_CLIENTID', code: 'CONFIG_UNKNOWN_VARIABLE' },
        { variable: 'PORT', code: 'CONFIG_INVALID' },
        { variable: 'PUBLIC_URL', code: 'CONFIG_INVALID' },
        { variable: 'SGID_CLIENT_ID', code: 'CONFIG_NO_PROVIDER' },
      ]),
    );
    expect(problems.filter((p) => p.variable === 'PORT')).toHaveLength(1);
  });

  it('the object wins over an env passed beside it', () => {
    const problems = problemsOf(() =>
      loadConfigObject({ PORT: 3001 }, { PORT: 'not a port', PUBLIC_URL: 'http://localhost:3000' }),
    );
    expect(problems.some((p) => p.variable === 'PORT')).toBe(false);
  });
});
