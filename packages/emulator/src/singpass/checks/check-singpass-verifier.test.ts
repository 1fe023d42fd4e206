import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkSingpassVerifier } from './check-singpass-verifier';

const verifier = 'a-b_c'.repeat(10);
const challenge = createHash('sha256').update(verifier).digest('base64url');

describe('checkSingpassVerifier', () => {
  it('accepts the verifier of the challenge', () => {
    expect(() => checkSingpassVerifier({ code_verifier: verifier }, challenge)).not.toThrow();
  });
  it('refuses . and ~ (allowed by RFC 7636, not by Singpass) and bad lengths with invalid_request', () => {
    const invalid = expect.objectContaining({ oauthError: 'invalid_request' });
    expect(() => checkSingpassVerifier({ code_verifier: `${'a'.repeat(42)}.` }, challenge)).toThrow(invalid);
    expect(() => checkSingpassVerifier({ code_verifier: `${'a'.repeat(42)}~` }, challenge)).toThrow(invalid);
    expect(() => checkSingpassVerifier({ code_verifier: 'a'.repeat(42) }, challenge)).toThrow(invalid);
    expect(() => checkSingpassVerifier({ code_verifier: 'a'.repeat(129) }, challenge)).toThrow(invalid);
  });
  it('refuses a verifier of another challenge with invalid_grant', () => {
    expect(() => checkSingpassVerifier({ code_verifier: 'b'.repeat(43) }, challenge)).toThrow(
      expect.objectContaining({ oauthError: 'invalid_grant' }),
    );
  });
});
