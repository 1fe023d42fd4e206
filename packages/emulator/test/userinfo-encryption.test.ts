/**
 * Decrypts a userinfo response independently with plain jose (not the SDK, not our code) and checks the
 * exact sgID layering (SGID-PROTOCOL.md §6): RSA-OAEP-256/A256GCM for `key`, a 128-bit `oct` JWK inside,
 * A128GCMKW/A128GCM for each value, and the persona's wire values as plaintext.
 */

import type { FastifyInstance } from 'fastify';
import { compactDecrypt, decodeProtectedHeader, importJWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmulatorApp } from '../src/index';
import { getUserinfo, logIn } from './flow';
import { CLIENT_PRIVATE_KEY_OBJECT, createTestConfig } from './helpers';

const decoder = new TextDecoder();
let app: FastifyInstance;
beforeAll(async () => {
  app = await createEmulatorApp(createTestConfig(undefined, { autoApprove: 'S9812381D' }));
});
afterAll(() => app.close());

describe('userinfo encryption', () => {
  it('decrypts with plain jose to the persona values under exactly the sgID algorithms', async () => {
    const scope = 'openid myinfo.name myinfo.vehicles myinfo.workpass_status myinfo.children_birth_records';
    const { access_token } = await logIn(app, { scope });
    const { key, data } = (await getUserinfo(app, access_token)).json() as {
      key: string;
      data: Record<string, string>;
    };

    expect(key.split('.')).toHaveLength(5);
    expect(decodeProtectedHeader(key)).toEqual({ alg: 'RSA-OAEP-256', enc: 'A256GCM' });
    const { plaintext, protectedHeader } = await compactDecrypt(key, CLIENT_PRIVATE_KEY_OBJECT, {
      keyManagementAlgorithms: ['RSA-OAEP-256'],
      contentEncryptionAlgorithms: ['A256GCM'],
    });
    expect(protectedHeader).toEqual({ alg: 'RSA-OAEP-256', enc: 'A256GCM' });
    const jwk = JSON.parse(decoder.decode(plaintext)) as { kty: string; alg: string; k: string };
    expect(jwk.kty).toBe('oct');
    expect(jwk.alg).toBe('A128GCM');
    expect(Buffer.from(jwk.k, 'base64url').length * 8).toBe(128);

    const payloadKey = await importJWK(jwk, 'A128GCMKW');
    const values: Record<string, string> = {};
    for (const [name, jwe] of Object.entries(data)) {
      const header = decodeProtectedHeader(jwe);
      expect(header.alg).toBe('A128GCMKW');
      expect(header.enc).toBe('A128GCM');
      const result = await compactDecrypt(jwe, payloadKey, {
        keyManagementAlgorithms: ['A128GCMKW'],
        contentEncryptionAlgorithms: ['A128GCM'],
      });
      values[name] = decoder.decode(result.plaintext);
    }
    expect(values['myinfo.name']).toBe('TAN HENG HUAT');
    expect(JSON.parse(values['myinfo.vehicles'] ?? '')).toEqual([{ vehicle_number: 'SLA1234B' }]);
    expect(values['myinfo.workpass_status']).toBe('NA');
    expect(JSON.parse(values['myinfo.children_birth_records'] ?? '')).toHaveLength(2);
  });
});
