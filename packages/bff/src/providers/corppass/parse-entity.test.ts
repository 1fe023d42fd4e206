import { describe, expect, it } from 'vitest';
import { parseEntity } from './parse-entity';

const attributes = {
  entity_type: 'UEN',
  entity_reg_number: '201912345K',
  entity_coi: 'SG',
  entity_name: 'HARBOURFRONT LOGISTICS PTE. LTD.',
  entity_uen_status: 'R',
};

describe('parseEntity', () => {
  it('reads the entity id from sub and every granted attribute', () => {
    expect(parseEntity('201912345K', attributes)).toEqual({
      id: '201912345K',
      type: 'UEN',
      registrationNumber: '201912345K',
      countryOfIncorporation: 'SG',
      name: 'HARBOURFRONT LOGISTICS PTE. LTD.',
      uenStatus: 'R',
    });
  });

  it('gives the id alone when no entity scope was granted, and ignores attributes it does not know', () => {
    expect(parseEntity('T20CP0001A', undefined)).toEqual({ id: 'T20CP0001A' });
    expect(parseEntity('201912345K', { entity_type: 'UEN', entity_future: 'x' })).toEqual({
      id: '201912345K',
      type: 'UEN',
    });
  });

  it('decodes sub_attributes sent as a JSON string once', () => {
    expect(parseEntity('201912345K', JSON.stringify({ entity_coi: 'SG' }))).toEqual({
      id: '201912345K',
      countryOfIncorporation: 'SG',
    });
  });

  it('refuses a missing sub, a malformed block and a non-string or oversized attribute', () => {
    expect(parseEntity(undefined, attributes)).toEqual({ problem: 'sub is not a string' });
    expect(parseEntity('201912345K', ['UEN'])).toEqual({ problem: 'sub_attributes is not an object' });
    expect(parseEntity('201912345K', { entity_name: 7 })).toEqual({
      problem: 'sub_attributes.entity_name is not a string',
    });
    expect(parseEntity('201912345K', { entity_name: 'x'.repeat(257) })).toHaveProperty('problem');
  });
});
