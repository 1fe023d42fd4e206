import { describe, expect, it } from 'vitest';
import { createTestSingpassClient } from '../testing/singpass-client';
import { checkClientAuthentication } from './check-client-authentication';

const client = createTestSingpassClient();
const clients = new Map([[client.id, client]]);
const TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
const invalidClient = expect.objectContaining({ oauthError: 'invalid_client', status: 401 });

describe('checkClientAuthentication', () => {
  it('returns the client and its assertion', () => {
    const result = checkClientAuthentication(clients, {
      client_id: client.id,
      client_assertion_type: TYPE,
      client_assertion: 'a.b.c',
    });
    expect(result).toEqual({ client, assertion: 'a.b.c' });
  });
  it('refuses an unknown, missing or repeated client_id', () => {
    expect(() =>
      checkClientAuthentication(clients, {
        client_id: 'x',
        client_assertion_type: TYPE,
        client_assertion: 'a',
      }),
    ).toThrow(invalidClient);
    expect(() =>
      checkClientAuthentication(clients, { client_assertion_type: TYPE, client_assertion: 'a' }),
    ).toThrow(invalidClient);
    expect(() =>
      checkClientAuthentication(clients, {
        client_id: [client.id, client.id],
        client_assertion_type: TYPE,
        client_assertion: 'a',
      }),
    ).toThrow(invalidClient);
  });
  it('refuses another assertion type and a missing assertion', () => {
    expect(() =>
      checkClientAuthentication(clients, {
        client_id: client.id,
        client_assertion_type: 'x',
        client_assertion: 'a',
      }),
    ).toThrow(invalidClient);
    expect(() =>
      checkClientAuthentication(clients, { client_id: client.id, client_assertion_type: TYPE }),
    ).toThrow(invalidClient);
  });
});
