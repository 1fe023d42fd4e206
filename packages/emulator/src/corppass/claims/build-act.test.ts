import { describe, expect, it } from 'vitest';
import { BUILT_IN_PERSONAS } from '../../personas/built-in-personas';
import { BUILT_IN_ENTITIES } from '../personas/built-in-entities';
import { buildAct } from './build-act';
import { buildEntityAttributes } from './build-entity-attributes';

const persona = BUILT_IN_PERSONAS.find((p) => p.nric === 'S8234567A');
const harbourfront = BUILT_IN_ENTITIES[0];
const nonUen = BUILT_IN_ENTITIES.find((entity) => entity.type === 'NON-UEN');
const user = harbourfront?.users.find((u) => u.nric === 'S8234567A');

describe('buildAct', () => {
  it('fills sub_attributes per user scope, the email flag as a boolean', () => {
    if (persona === undefined || user === undefined) throw new Error('fixture');
    expect(buildAct('uuid', persona, user, ['user.identity', 'user.name', 'user.corppass.email'])).toEqual({
      sub: 'uuid',
      sub_type: 'user',
      sub_attributes: {
        account_type: 'standard',
        identity_number: 'S8234567A',
        identity_coi: 'SG',
        name: 'LIM YONG XIANG',
        corppass_email: 'yx.lim@harbourfront.example',
        corppass_email_verified: false,
      },
    });
    expect(buildAct('uuid', persona, user, ['authinfo'])).toEqual({ sub: 'uuid', sub_type: 'user' });
  });
});

describe('buildEntityAttributes', () => {
  it('fills entity attributes per scope; a non-UEN entity has no UEN status', () => {
    if (harbourfront === undefined || nonUen === undefined) throw new Error('fixture');
    expect(buildEntityAttributes(harbourfront, ['entity.basic_profile.uen_status'])).toEqual({
      entity_uen_status: 'R',
    });
    expect(buildEntityAttributes(nonUen, ['entity.basic_profile.uen_status'])).toBeUndefined();
    expect(buildEntityAttributes(nonUen, ['entity.identity'])).toEqual({
      entity_type: 'NON-UEN',
      entity_reg_number: 'HK-2468013',
      entity_coi: 'HK',
    });
  });
});
