import { describe, expect, it } from 'vitest';
import { parseUserAttributes } from './parse-user-attributes';

describe('parseUserAttributes', () => {
  it('maps the granted attributes to camelCase and ignores new ones', () => {
    expect(
      parseUserAttributes({
        account_type: 'foreign',
        identity_number: 'G1234567X',
        identity_coi: 'MY',
        future: 1,
      }),
    ).toEqual({ accountType: 'foreign', identityNumber: 'G1234567X', identityCoi: 'MY' });
    expect(parseUserAttributes({ name: 'TAN', email: 'a@b.sg', mobileno: '91234567' })).toEqual({
      name: 'TAN',
      email: 'a@b.sg',
      mobileNo: '91234567',
    });
    expect(parseUserAttributes(undefined)).toEqual({});
  });

  it('answers a reason for malformed attributes', () => {
    for (const raw of [null, 'x', [], { name: 1 }, { account_type: 'corporate' }, { mobileno: ['9'] }])
      expect(typeof parseUserAttributes(raw)).toBe('string');
  });
});
