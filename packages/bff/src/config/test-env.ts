/**
 * For the config tests only (imported by `*.test.ts` beside it, never by the BFF): one RSA key generated
 * once, the smallest environment that loads, and the problems a load reports.
 */
import { generateKeyPairSync } from 'node:crypto';
import { ConfigError } from './config-error';
import { loadConfig } from './load-config';

export const TEST_RSA_KEY = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
export const TEST_PKCS8 = TEST_RSA_KEY.export({ type: 'pkcs8', format: 'pem' }).toString();

/** The required variables, and no SPA: every other variable at its default. */
export const BASE_ENV = {
  SGID_CLIENT_ID: 'client',
  SGID_CLIENT_SECRET: 'shh-very-secret-value',
  SGID_PRIVATE_KEY: TEST_PKCS8,
  SPA_DIR: 'none',
} as const;

/** The `VARIABLE: message` lines of the ConfigError that loading `env` throws; none when it loads. */
export function problemsOf(env: Record<string, string | undefined>): readonly string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}
