/** Test fixture for unit tests: a registered client with a real RSA-2048 public key. Not exported. */
import { createHash, generateKeyPairSync } from 'node:crypto';
import type { DataScope } from '@sgid-bff/protocol';
import type { RegisteredClient } from '../config/emulator-config';

const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });

export const TEST_PUBLIC_KEY = publicKey;
export const TEST_PRIVATE_KEY = privateKey;
export const TEST_SECRET = 'unit-test-secret-0123456789abcdef';

export function createTestClient(overrides: Partial<RegisteredClient> = {}): RegisteredClient {
  return {
    id: 'client-a',
    name: 'Client A',
    redirectUris: ['https://rp.example/callback'],
    scopes: new Set<DataScope>(['myinfo.name', 'myinfo.email']),
    publicKey,
    secretDigest: createHash('sha256').update(TEST_SECRET).digest(),
    faults: [],
    ...overrides,
  };
}

/** Expect `fn` to throw an EmulatorError with `code`; returns it for further checks. */
export function catchError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}
