import { createPublicKey } from 'node:crypto';
import { compactVerify, decodeJwt, decodeProtectedHeader } from 'jose';
import { describe, expect, it } from 'vitest';
import { makeClientJwks, TEST_CLIENT_ID, TEST_ISSUER } from '../../../test/support/singpass-fixtures';
import { clientAssertionFields, createClientAssertion } from './client-assertion';
import { readClientKeys } from './client-keys';

const keys = readClientKeys(makeClientJwks());
const now = Date.UTC(2026, 5, 1, 8, 0, 0);

describe('client assertion', () => {
  it('has the header and claims Singpass checks, signed with the newest sig key', async () => {
    const assertion = await createClientAssertion({
      clientId: TEST_CLIENT_ID,
      issuer: TEST_ISSUER,
      key: keys.signing,
      now,
    });
    expect(decodeProtectedHeader(assertion)).toEqual({ alg: 'ES256', typ: 'JWT', kid: 'sig-2026' });
    const claims = decodeJwt(assertion);
    expect(claims).toMatchObject({
      iss: TEST_CLIENT_ID,
      sub: TEST_CLIENT_ID,
      aud: TEST_ISSUER,
      iat: now / 1000,
    });
    expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(60);
    expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBeLessThanOrEqual(120);
    await expect(compactVerify(assertion, createPublicKey(keys.signing.key))).resolves.toBeDefined();
  });

  it('never repeats a jti', async () => {
    const jtis = new Set<string>();
    for (let i = 0; i < 20; i++) {
      const fields = await clientAssertionFields({
        clientId: TEST_CLIENT_ID,
        issuer: TEST_ISSUER,
        key: keys.signing,
        now,
      });
      expect(fields.client_assertion_type).toBe('urn:ietf:params:oauth:client-assertion-type:jwt-bearer');
      expect(fields.client_id).toBe(TEST_CLIENT_ID);
      jtis.add(String(decodeJwt(fields.client_assertion ?? '').jti));
    }
    expect(jtis.size).toBe(20);
  });
});
