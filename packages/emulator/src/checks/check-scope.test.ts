import { describe, expect, it } from 'vitest';
import { createTestClient } from '../testing/registered-client';
import { checkScope } from './check-scope';

const client = createTestClient();
const invalidScope = expect.objectContaining({ code: 'EMU_INVALID_SCOPE', oauthError: 'invalid_scope' });

describe('checkScope', () => {
  it('returns the data scopes in request order, without openid or duplicates', () => {
    expect(checkScope(client, { scope: 'myinfo.email openid myinfo.name myinfo.email' })).toEqual([
      'myinfo.email',
      'myinfo.name',
    ]);
  });
  it('accepts openid alone', () => {
    expect(checkScope(client, { scope: 'openid' })).toEqual([]);
  });
  it('rejects a scope without openid', () => {
    expect(() => checkScope(client, { scope: 'myinfo.name' })).toThrow(invalidScope);
  });
  it('rejects a known scope the client did not register', () => {
    expect(() => checkScope(client, { scope: 'openid myinfo.vehicles' })).toThrow(invalidScope);
  });
  it('rejects an unknown scope', () => {
    expect(() => checkScope(client, { scope: 'openid myinfo.shoe_size' })).toThrow(invalidScope);
  });
  it('rejects a scope list with double spaces or other separators', () => {
    expect(() => checkScope(client, { scope: 'openid  myinfo.name' })).toThrow(invalidScope);
    expect(() => checkScope(client, { scope: 'openid,myinfo.name' })).toThrow(invalidScope);
    expect(() => checkScope(client, { scope: 'openid+myinfo.name' })).toThrow(invalidScope);
  });
  it('rejects a missing scope as invalid_request', () => {
    expect(() => checkScope(client, {})).toThrow(expect.objectContaining({ oauthError: 'invalid_request' }));
  });
});
