import { describe, expect, it } from 'vitest';
import { createTestClient, TEST_SECRET } from '../testing/registered-client';
import { checkClientAuth } from './check-client-auth';

const clients = new Map([['client-a', createTestClient()]]);
const invalidClient = expect.objectContaining({
  code: 'EMU_INVALID_CLIENT',
  status: 401,
  oauthError: 'invalid_client',
});

describe('checkClientAuth (client_secret_post)', () => {
  it('accepts the registered secret', () => {
    expect(
      checkClientAuth(clients, { client_id: 'client-a', client_secret: TEST_SECRET }, undefined).id,
    ).toBe('client-a');
  });
  it('rejects a wrong secret', () => {
    expect(() =>
      checkClientAuth(clients, { client_id: 'client-a', client_secret: 'wrong' }, undefined),
    ).toThrow(invalidClient);
  });
  it('rejects a secret that differs only in length', () => {
    expect(() =>
      checkClientAuth(clients, { client_id: 'client-a', client_secret: `${TEST_SECRET}x` }, undefined),
    ).toThrow(invalidClient);
  });
  it('rejects an unknown client, even with a known secret', () => {
    expect(() =>
      checkClientAuth(clients, { client_id: 'client-b', client_secret: TEST_SECRET }, undefined),
    ).toThrow(invalidClient);
  });
  it('rejects a missing secret or client_id', () => {
    expect(() => checkClientAuth(clients, { client_id: 'client-a' }, undefined)).toThrow(invalidClient);
    expect(() => checkClientAuth(clients, { client_secret: TEST_SECRET }, undefined)).toThrow(invalidClient);
  });
  it('rejects client_secret_basic (an Authorization header)', () => {
    const basic = `Basic ${Buffer.from(`client-a:${TEST_SECRET}`).toString('base64')}`;
    expect(() => checkClientAuth(clients, {}, basic)).toThrow(invalidClient);
    expect(() =>
      checkClientAuth(clients, { client_id: 'client-a', client_secret: TEST_SECRET }, basic),
    ).toThrow(invalidClient);
  });
});
