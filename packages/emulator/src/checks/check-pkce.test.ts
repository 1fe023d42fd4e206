import { describe, expect, it } from 'vitest';
import { checkCodeChallenge, checkCodeVerifier, computeS256Challenge } from './check-pkce';

// SGID-PROTOCOL.md §4: the sgID docs' sample pair; and RFC 7636 Appendix B.
const DOCS_VERIFIER = 'bbGcObXZC1YGBQZZtZGQH9jsyO1vypqCGqnSU_4TI5S';
const DOCS_CHALLENGE = 'zaqUHoBV3rnhBF2g0Gkz1qkpEZXHqi2OrPK1DqRi-Lk';
const RFC_VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
const RFC_CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';

describe('PKCE S256', () => {
  it('computes the sgID docs and RFC 7636 test vectors', () => {
    expect(computeS256Challenge(DOCS_VERIFIER)).toBe(DOCS_CHALLENGE);
    expect(computeS256Challenge(RFC_VERIFIER)).toBe(RFC_CHALLENGE);
  });
});

describe('checkCodeChallenge', () => {
  const ok = { code_challenge: DOCS_CHALLENGE, code_challenge_method: 'S256' };
  it('accepts an S256 challenge', () => {
    expect(checkCodeChallenge(ok)).toBe(DOCS_CHALLENGE);
  });
  it.each([
    ['plain', { ...ok, code_challenge_method: 'plain' }],
    ['a lower-case method', { ...ok, code_challenge_method: 's256' }],
    ['a missing method', { code_challenge: DOCS_CHALLENGE }],
    ['a missing challenge', { code_challenge_method: 'S256' }],
    ['a short challenge', { ...ok, code_challenge: DOCS_CHALLENGE.slice(1) }],
    ['a padded challenge', { ...ok, code_challenge: `${DOCS_CHALLENGE.slice(1)}=` }],
    ['a base64 (not url) challenge', { ...ok, code_challenge: `${DOCS_CHALLENGE.slice(1)}+` }],
  ])('rejects %s as invalid_request', (_label, params) => {
    expect(() => checkCodeChallenge(params)).toThrow(
      expect.objectContaining({ oauthError: 'invalid_request' }),
    );
  });
});

describe('checkCodeVerifier', () => {
  it('accepts the verifier of the bound challenge', () => {
    expect(() => checkCodeVerifier({ code_verifier: DOCS_VERIFIER }, DOCS_CHALLENGE)).not.toThrow();
  });
  it('rejects another verifier as invalid_grant', () => {
    expect(() => checkCodeVerifier({ code_verifier: RFC_VERIFIER }, DOCS_CHALLENGE)).toThrow(
      expect.objectContaining({ oauthError: 'invalid_grant' }),
    );
  });
  it('rejects the challenge itself sent as verifier (plain downgrade)', () => {
    expect(() => checkCodeVerifier({ code_verifier: DOCS_CHALLENGE }, DOCS_CHALLENGE)).toThrow(
      expect.objectContaining({ oauthError: 'invalid_grant' }),
    );
  });
  it.each([
    ['missing', {}],
    ['too short', { code_verifier: 'a'.repeat(42) }],
    ['too long', { code_verifier: 'a'.repeat(129) }],
    ['with forbidden characters', { code_verifier: `${'a'.repeat(43)}+` }],
  ])('rejects a %s verifier as invalid_request', (_label, params) => {
    expect(() => checkCodeVerifier(params, DOCS_CHALLENGE)).toThrow(
      expect.objectContaining({ oauthError: 'invalid_request' }),
    );
  });
});
