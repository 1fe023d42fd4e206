import { describe, expect, it } from 'vitest';
import { parseActor, parseEntity } from './parse-identity';

describe('Corppass entity and acting user', () => {
  it('reads the entity from sub and its attributes per scope', () => {
    expect(
      parseEntity('201912345K', {
        entity_type: 'UEN',
        entity_reg_number: '201912345K',
        entity_coi: 'SG',
        entity_name: 'HARBOURFRONT LOGISTICS PTE. LTD.',
        entity_uen_status: 'R',
      }),
    ).toEqual({
      id: '201912345K',
      type: 'UEN',
      registrationNumber: '201912345K',
      countryOfIncorporation: 'SG',
      name: 'HARBOURFRONT LOGISTICS PTE. LTD.',
      uenStatus: 'R',
    });
    expect(parseEntity('CP00000018X', undefined)).toEqual({ id: 'CP00000018X' });
  });

  it('reads the acting user from act, as an object or a JSON string', () => {
    const act = {
      sub: '5e1d0f3c-8a5b-4f7e-9c1d-2b3a4c5d6e7f',
      sub_type: 'user',
      sub_attributes: {
        identity_number: 'S9812381D',
        name: 'TAN HENG HUAT',
        corppass_email_verified: 'true',
      },
    };
    const expected = {
      sub: act.sub,
      identityNumber: 'S9812381D',
      name: 'TAN HENG HUAT',
      emailVerified: true,
    };
    expect(parseActor(act)).toEqual(expected);
    expect(parseActor(JSON.stringify(act))).toEqual(expected);
  });

  it('a login with no person acting, or a malformed one, is refused with a reason', () => {
    expect(parseActor(undefined)).toMatch(/act is missing/);
    expect(parseActor({ sub_attributes: {} })).toBe('act.sub is missing');
    expect(parseActor({ sub: 'x', sub_attributes: { name: 7 } })).toBe(
      'act.sub_attributes.name is not a string',
    );
    expect(parseActor({ sub: 'x', sub_attributes: { corppass_email_verified: 'yes' } })).toMatch(
      /not a boolean/,
    );
  });
});
