/** Test fixture for the Singpass unit tests: a registered client with a real EC JWKS. Not exported. */
import { generateKeyPairSync } from 'node:crypto';
import type { JWK } from 'jose';
import type { SingpassRegisteredClient } from '../config/singpass-client';

const sig = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const enc = generateKeyPairSync('ec', { namedCurve: 'P-256' });

export const TEST_SIGNING_PRIVATE_KEY = sig.privateKey;
export const TEST_ENCRYPTION_PRIVATE_KEY = enc.privateKey;

export const TEST_CLIENT_JWKS: { keys: JWK[] } = {
  keys: [
    { ...(sig.publicKey.export({ format: 'jwk' }) as JWK), kid: 'sig-1', use: 'sig', alg: 'ES256' },
    { ...(enc.publicKey.export({ format: 'jwk' }) as JWK), kid: 'enc-1', use: 'enc', alg: 'ECDH-ES+A256KW' },
  ],
};

export function createTestSingpassClient(
  overrides: Partial<SingpassRegisteredClient> = {},
): SingpassRegisteredClient {
  return {
    provider: 'singpass',
    id: 'sp-client',
    name: 'SP Client',
    appType: 'login',
    redirectUris: ['https://rp.example/cb'],
    scopes: new Set(['openid', 'user.identity', 'name']),
    jwks: TEST_CLIENT_JWKS,
    jwksUri: undefined,
    acrValues: new Set(['urn:singpass:authentication:loa:2']),
    contextTypes: undefined,
    appLaunchUrls: ['https://rp.example/launch'],
    faults: [],
    ...overrides,
  };
}
