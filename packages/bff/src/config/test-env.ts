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

/** A private EC JWK for `SINGPASS_KEYS`: a signing (ES256) or encryption (ECDH-ES+A256KW) key on P-256. */
export function createSingpassJwk(
  use: 'sig' | 'enc',
  kid: string,
  crv: 'P-256' | 'P-384' | 'P-521' = 'P-256',
): Record<string, string> {
  const namedCurve = { 'P-256': 'prime256v1', 'P-384': 'secp384r1', 'P-521': 'secp521r1' }[crv];
  const jwk = generateKeyPairSync('ec', { namedCurve }).privateKey.export({ format: 'jwk' });
  const alg =
    use === 'sig' ? { 'P-256': 'ES256', 'P-384': 'ES384', 'P-521': 'ES512' }[crv] : 'ECDH-ES+A256KW';
  return { ...(jwk as Record<string, string>), kid, use, alg };
}

/** One signing and one encryption key, generated once. */
export const TEST_SINGPASS_KEYS = [createSingpassJwk('sig', 'sig-1'), createSingpassJwk('enc', 'enc-1')];

/** BASE_ENV plus Singpass (a Login app): both providers enabled. */
export const SINGPASS_ENV = {
  SINGPASS_CLIENT_ID: 'singpass-client',
  SINGPASS_KEYS: JSON.stringify({ keys: TEST_SINGPASS_KEYS }),
} as const;

/** The `{variable, code}` of every problem loading `env` reports. */
export function problemCodesOf(
  env: Record<string, string | undefined>,
): Array<{ variable: string; code: string }> {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.details.map(({ variable, code }) => ({ variable, code }));
    throw error;
  }
  return [];
}
