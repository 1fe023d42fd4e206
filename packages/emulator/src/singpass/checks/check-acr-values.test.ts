import { describe, expect, it } from 'vitest';
import { createTestSingpassClient } from '../testing/singpass-client';
import { checkAcrValues } from './check-acr-values';

const client = createTestSingpassClient();
const LOA = (n: number) => `urn:singpass:authentication:loa:${n}`;

describe('checkAcrValues', () => {
  it('accepts none, or whitelisted LoA values', () => {
    expect(checkAcrValues(client, {})).toEqual([]);
    expect(checkAcrValues(client, { acr_values: LOA(2) })).toEqual([LOA(2)]);
  });
  it('refuses loa:1, a value not whitelisted and an unknown URN with invalid_request', () => {
    const invalid = expect.objectContaining({ oauthError: 'invalid_request' });
    expect(() => checkAcrValues(client, { acr_values: LOA(1) })).toThrow(invalid);
    expect(() => checkAcrValues(client, { acr_values: `${LOA(3)} ${LOA(2)}` })).toThrow(invalid);
    expect(() => checkAcrValues(client, { acr_values: 'urn:other' })).toThrow(invalid);
  });
});
