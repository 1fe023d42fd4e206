import { describe, expect, it } from 'vitest';
import { createTestClient } from '../testing/registered-client';
import { checkClient } from './check-client';

const clients = new Map([['client-a', createTestClient()]]);

describe('checkClient', () => {
  it('returns a registered client', () => {
    expect(checkClient(clients, { client_id: 'client-a' }).id).toBe('client-a');
  });
  it('rejects an unknown client_id with a non-redirectable error', () => {
    expect(() => checkClient(clients, { client_id: 'nobody' })).toThrow(
      expect.objectContaining({ code: 'EMU_UNKNOWN_CLIENT', oauthError: undefined }),
    );
  });
  it('rejects a missing client_id', () => {
    expect(() => checkClient(clients, {})).toThrow(expect.objectContaining({ code: 'EMU_UNKNOWN_CLIENT' }));
  });
  it('rejects a repeated client_id', () => {
    expect(() => checkClient(clients, { client_id: ['client-a', 'client-a'] })).toThrow(
      expect.objectContaining({ code: 'EMU_UNKNOWN_CLIENT' }),
    );
  });
  it('does not find inherited object properties', () => {
    expect(() => checkClient(clients, { client_id: 'constructor' })).toThrow(
      expect.objectContaining({ code: 'EMU_UNKNOWN_CLIENT' }),
    );
  });
});
