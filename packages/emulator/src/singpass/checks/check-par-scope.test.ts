import { describe, expect, it } from 'vitest';
import { createTestSingpassClient } from '../testing/singpass-client';
import { checkParScope } from './check-par-scope';

const client = createTestSingpassClient();
const invalidScope = expect.objectContaining({ oauthError: 'invalid_scope' });

describe('checkParScope', () => {
  it('returns the scopes in order without duplicates', () => {
    expect(checkParScope(client, { scope: 'openid name  name user.identity' })).toEqual([
      'openid',
      'name',
      'user.identity',
    ]);
  });
  it('requires openid and refuses scopes the app did not register', () => {
    expect(() => checkParScope(client, { scope: 'name' })).toThrow(invalidScope);
    expect(() => checkParScope(client, { scope: 'openid email' })).toThrow(invalidScope);
    expect(() => checkParScope(client, {})).toThrow(invalidScope);
  });
});
