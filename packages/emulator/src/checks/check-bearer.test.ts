import { describe, expect, it } from 'vitest';
import { createGrantStore } from '../state/grants';
import { checkBearer } from './check-bearer';

const invalidToken = expect.objectContaining({
  code: 'EMU_INVALID_TOKEN',
  status: 401,
  oauthError: 'invalid_token',
});

function setUp() {
  let now = 0;
  const grants = createGrantStore(() => now);
  const { token } = grants.issueAccessToken({ clientId: 'c', nric: 'S9812381D', sub: 's', scopes: [] }, 1000);
  return { grants, token, advance: (ms: number) => (now += ms) };
}

describe('checkBearer', () => {
  it('accepts a live token, with the scheme in any case', () => {
    const { grants, token } = setUp();
    expect(checkBearer(grants, `Bearer ${token}`).sub).toBe('s');
    expect(checkBearer(grants, `bearer ${token}`).sub).toBe('s');
  });
  it.each([
    ['a missing header', undefined],
    ['an empty header', ''],
    ['another scheme', 'Basic abc'],
    ['a scheme without token', 'Bearer '],
    ['a token with spaces', 'Bearer a b'],
    ['an unknown token', 'Bearer unknown'],
  ])('rejects %s', (_label, header) => {
    const { grants } = setUp();
    expect(() => checkBearer(grants, header)).toThrow(invalidToken);
  });
  it('rejects an expired token', () => {
    const { grants, token, advance } = setUp();
    advance(1000);
    expect(() => checkBearer(grants, `Bearer ${token}`)).toThrow(invalidToken);
  });
});
