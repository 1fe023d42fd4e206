import { describe, expect, it } from 'vitest';
import { parseMyinfoPerson } from './myinfo';

const marked = { source: '1', classification: 'C', lastupdated: '2024-03-01' };

describe('parseMyinfoPerson', () => {
  it('types the common items and keeps their markers', () => {
    const { person, problems } = parseMyinfoPerson({
      uinfin: { value: 'S9812381D', ...marked },
      name: { value: 'TAN XIAO HUI', ...marked },
      sex: { code: 'F', desc: 'FEMALE', ...marked },
      dob: { value: '1998-06-06', ...marked },
      mobileno: { prefix: { value: '+' }, areacode: { value: '65' }, nbr: { value: '97399245' }, ...marked },
      regadd: {
        type: 'SG',
        block: { value: '102' },
        building: { value: '' },
        floor: { value: '09' },
        unit: { value: '128' },
        street: { value: 'BEDOK NORTH AVENUE 4' },
        postal: { value: '460102' },
        country: { code: 'SG', desc: 'SINGAPORE' },
        ...marked,
      },
    });
    expect(problems).toEqual([]);
    expect(person.uinfin).toEqual({
      available: true,
      value: 'S9812381D',
      source: '1',
      lastUpdated: '2024-03-01',
    });
    expect(person.sex).toMatchObject({ available: true, value: { code: 'F', desc: 'FEMALE' } });
    expect(person.dob).toMatchObject({ value: '1998-06-06' });
    expect(person.mobileno).toMatchObject({ value: { prefix: '+', areaCode: '65', number: '97399245' } });
    expect(person.regadd).toMatchObject({
      value: {
        type: 'SG',
        block: '102',
        floor: '09',
        unit: '128',
        street: 'BEDOK NORTH AVENUE 4',
        postal: '460102',
        country: { code: 'SG', desc: 'SINGAPORE' },
      },
    });
    expect(person.regadd?.available && 'building' in person.regadd.value).toBe(false);
    expect(person.other).toEqual({});
  });

  it('says plainly when the source holds no value, keeping the markers', () => {
    const { person, problems } = parseMyinfoPerson({ email: { unavailable: true, source: '2' } });
    expect(problems).toEqual([]);
    expect(person.email).toEqual({ available: false, source: '2' });
  });

  it('keeps every other item verbatim under other, lists and non-SG addresses included', () => {
    const vehicles = [{ vehicleno: { value: 'SBA1234A' } }];
    const cpf = { oa: { value: 1581.48 }, ...marked };
    const unformatted = { type: 'Unformatted', line1: { value: 'X' }, line2: { value: 'Y' } };
    const { person, problems } = parseMyinfoPerson({
      vehicles,
      'cpfbalances.oa': cpf,
      regadd: unformatted,
    });
    expect(problems).toEqual([]);
    expect(person.other).toEqual({ vehicles, 'cpfbalances.oa': cpf, regadd: unformatted });
    expect(person.regadd).toBeUndefined();
  });

  it('reports malformed items with their names instead of guessing', () => {
    const { problems } = parseMyinfoPerson({
      name: { value: 42 },
      sex: { code: 'F' },
      dob: { value: '06/06/1998' },
      mobileno: { prefix: { value: '+' } },
      race: { code: 'CN', desc: 'CHINESE', source: '9' },
      uinfin: 'S9812381D',
      regadd: { type: 'SG', postal: 460102 },
    });
    expect(problems.map((p) => p.item).sort()).toEqual(
      ['dob', 'mobileno', 'name', 'race', 'regadd', 'sex', 'uinfin'].sort(),
    );
  });

  it('refuses a person_info that is not an object', () => {
    for (const raw of [null, 'x', [], 3])
      expect(parseMyinfoPerson(raw).problems).toEqual([{ item: 'person_info', reason: 'not an object' }]);
  });
});
