import type { FaultName } from '@sgid-bff/emulator';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createTestWorld,
  expectLoginFailedWith,
  loginWith,
  readSession,
  type TestWorld,
} from '../support/test-bff';

let world: TestWorld;
afterEach(() => world.close());

/** Every emulator fault (docs/contracts.md) and the BFF code a user sees for it. */
const FAULT_OUTCOMES: Array<[FaultName, string]> = [
  ['token-error', 'BFF_PROVIDER_ERROR'],
  ['userinfo-error', 'BFF_PROVIDER_ERROR'],
  ['expired-id-token', 'BFF_ID_TOKEN_INVALID'],
  ['wrong-nonce', 'BFF_ID_TOKEN_INVALID'],
  ['wrong-aud', 'BFF_ID_TOKEN_INVALID'],
  ['wrong-iss', 'BFF_ID_TOKEN_INVALID'],
  ['bad-signature', 'BFF_ID_TOKEN_SIGNATURE_INVALID'],
  ['unknown-kid', 'BFF_ID_TOKEN_SIGNATURE_INVALID'],
  ['sub-mismatch', 'BFF_USERINFO_SUB_MISMATCH'],
  ['unexpected-jwe-alg', 'BFF_JWE_ALG_REJECTED'],
  ['malformed-jwe', 'BFF_USERINFO_DECRYPT_FAILED'],
  ['slow-token', 'BFF_PROVIDER_TIMEOUT'],
  ['slow-userinfo', 'BFF_PROVIDER_TIMEOUT'],
];

describe('emulator faults', () => {
  it.each(FAULT_OUTCOMES)('emulator fault %s fails the login with %s and no session', async (fault, code) => {
    world = await createTestWorld({ faults: [fault], env: { SGID_TIMEOUT: '300ms' } });
    const browser = world.browser();
    const nav = await loginWith(browser);
    expectLoginFailedWith(nav, code);
    expect((await readSession(browser)).authenticated).toBe(false);
  });
});
