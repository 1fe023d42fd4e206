import { describe, expect, it } from 'vitest';
import { parseActor } from './parse-actor';

const act = {
  sub: 'e5b1c8a2-7d55-4a4e-9a51-1f0d3c1b2a77',
  sub_type: 'user',
  sub_attributes: {
    account_type: 'standard',
    identity_number: 'S9812381D',
    identity_coi: 'SG',
    name: 'TAN XIAO HUI',
    corppass_email: 'hh.tan@harbourfront.example',
    corppass_email_verified: true,
  },
};
const actor = {
  sub: act.sub,
  accountType: 'standard',
  identityNumber: 'S9812381D',
  identityCoi: 'SG',
  name: 'TAN XIAO HUI',
  email: 'hh.tan@harbourfront.example',
  emailVerified: true,
};

describe('parseActor', () => {
  it('reads the acting user from act, every granted attribute', () => {
    expect(parseActor(act)).toEqual(actor);
  });

  it('reads act sent double-encoded as a JSON string', () => {
    expect(parseActor(JSON.stringify(act))).toEqual(actor);
  });

  it('gives the sub alone when no user scope was granted', () => {
    expect(parseActor({ sub: act.sub, sub_type: 'user' })).toEqual({ sub: act.sub });
  });

  it('takes corppass_email_verified as a boolean or the strings "true"/"false"', () => {
    const withVerified = (value: unknown) =>
      parseActor({ sub: 'u', sub_attributes: { corppass_email_verified: value } });
    expect(withVerified('true')).toEqual({ sub: 'u', emailVerified: true });
    expect(withVerified('false')).toEqual({ sub: 'u', emailVerified: false });
    expect(withVerified(false)).toEqual({ sub: 'u', emailVerified: false });
    for (const value of ['yes', 'TRUE', 1, null])
      expect(withVerified(value)).toEqual({
        problem: 'act.sub_attributes.corppass_email_verified is not a boolean',
      });
  });

  it('refuses a missing act: a Corppass login is always someone acting for an entity', () => {
    expect(parseActor(undefined)).toEqual({ problem: 'act (the acting user) is missing' });
    expect(parseActor(null)).toEqual({ problem: 'act (the acting user) is missing' });
  });

  it('refuses a malformed act rather than keep half an acting user', () => {
    expect(parseActor('not json')).toEqual({ problem: 'act is a string that is not JSON' });
    expect(parseActor({ sub_attributes: act.sub_attributes })).toEqual({
      problem: 'act.sub is not a string',
    });
    expect(parseActor({ sub: '' })).toEqual({ problem: 'act.sub is empty' });
    expect(parseActor({ sub: 'u', sub_attributes: 'x' })).toEqual({
      problem: 'act.sub_attributes is not an object',
    });
    expect(parseActor({ sub: 'u', sub_attributes: { name: ['TAN'] } })).toEqual({
      problem: 'act.sub_attributes.name is not a string',
    });
  });
});
