import { describe, expect, it } from 'vitest';
import { TEST_CLIENT_JWKS } from '../testing/singpass-client';
import { validateClientJwks } from './validate-client-jwks';

describe('validateClientJwks', () => {
  it('accepts one EC sig key and one ECDH-ES+A*KW enc key with unique kids', () => {
    expect(validateClientJwks(TEST_CLIENT_JWKS)).toEqual([]);
  });
  it('refuses a non-set, a key without kid or use, and a set without an enc key', () => {
    expect(validateClientJwks([])).toEqual(['must be a JWK set {"keys": [...]}']);
    const [sig] = TEST_CLIENT_JWKS.keys;
    const problems = validateClientJwks({ keys: [sig, { ...sig, kid: undefined, use: undefined }] });
    expect(problems).toContain('key 1: kid is required');
    expect(problems).toContain('key 1: use must be sig or enc');
    expect(problems).toContain('needs at least one key with use "enc"');
  });
});
