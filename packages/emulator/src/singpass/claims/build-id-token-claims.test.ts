import { describe, expect, it } from 'vitest';
import type { FaultName } from '../../faults';
import { buildIdTokenClaims, type IdTokenInput } from './build-id-token-claims';

const input: IdTokenInput = {
  issuer: 'https://sp.example/fapi',
  clientId: 'c',
  sub: 'u',
  subAttributes: undefined,
  nonce: 'n',
  acrValues: [],
  now: 1000,
  faults: new Set(),
};
const withFaults = (...faults: FaultName[]) => buildIdTokenClaims({ ...input, faults: new Set(faults) });

describe('buildIdTokenClaims', () => {
  it('builds the Singpass claims, 600 s, loa:2 by default and loa:3 with face when asked', () => {
    expect(buildIdTokenClaims(input)).toEqual({
      sub: 'u',
      sub_type: 'user',
      aud: 'c',
      iss: 'https://sp.example/fapi',
      iat: 1000,
      exp: 1600,
      nonce: 'n',
      acr: 'urn:singpass:authentication:loa:2',
      amr: ['pwd', 'otp-sms'],
    });
    const loa3 = buildIdTokenClaims({ ...input, acrValues: ['urn:singpass:authentication:loa:3'] });
    expect(loa3).toMatchObject({ acr: 'urn:singpass:authentication:loa:3', amr: ['pwd', 'otp-sms', 'face'] });
  });
  it('applies the claim faults', () => {
    expect(withFaults('wrong-iss').iss).toBe('https://attacker.example/singpass/v3/fapi');
    expect(withFaults('wrong-aud').aud).toBe('not-c');
    expect(withFaults('wrong-nonce').nonce).not.toBe('n');
    expect(withFaults('expired-id-token').exp).toBeLessThan(1000);
  });
});
