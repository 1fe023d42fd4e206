import type { MyinfoPerson } from '@sgid-bff/protocol';
import { describe, expect, it } from 'vitest';
import { listMyinfoFields, listOtherMyinfo, listSingpassUserFields, toMyinfoDisplay } from './format-myinfo';

describe('showing a Singpass session', () => {
  it('lists the ID token attributes in a fixed order with readable values', () => {
    const fields = listSingpassUserFields({
      mobileNo: '97399245',
      name: 'TAN HENG HUAT',
      accountType: 'foreign',
      identityNumber: 'S9812381D',
    });
    expect(fields.map((f) => [f.label, f.value])).toEqual([
      ['Name', { kind: 'text', text: 'TAN HENG HUAT' }],
      ['NRIC / FIN', { kind: 'text', text: 'S9812381D' }],
      ['Account type', { kind: 'text', text: 'Singpass Foreign Account' }],
      ['Mobile number', { kind: 'text', text: '9739 9245' }],
    ]);
  });

  it('shows coded values by description, dates in words, and unavailable items as such', () => {
    expect(toMyinfoDisplay('sex', { available: true, value: { code: 'M', desc: 'MALE' } })).toEqual({
      kind: 'text',
      text: 'MALE',
    });
    expect(toMyinfoDisplay('dob', { available: true, value: '1988-10-06', source: '1' })).toEqual({
      kind: 'text',
      text: '6 October 1988',
    });
    expect(toMyinfoDisplay('email', { available: false })).toEqual({ kind: 'not-available' });
  });

  it('writes an address as lines and a phone with its country code', () => {
    expect(
      toMyinfoDisplay('regadd', {
        available: true,
        value: {
          type: 'SG',
          block: '102',
          street: 'BEDOK NORTH AVENUE 4',
          floor: '09',
          unit: '128',
          postal: '460102',
          country: { code: 'SG', desc: 'SINGAPORE' },
        },
      }),
    ).toEqual({ kind: 'lines', lines: ['102 BEDOK NORTH AVENUE 4', '#09-128', 'SINGAPORE 460102'] });
    expect(
      toMyinfoDisplay('mobileno', {
        available: true,
        value: { prefix: '+', areaCode: '65', number: '97399245' },
      }),
    ).toEqual({ kind: 'text', text: '+65 9739 9245' });
  });

  it('lists typed items in order and keeps every other item visible as JSON', () => {
    const person: MyinfoPerson = {
      uinfin: { available: true, value: 'S9812381D' },
      name: { available: true, value: 'TAN HENG HUAT' },
      other: { vehicles: [{ vehicleno: { value: 'SBA1234A' } }] },
    };
    expect(listMyinfoFields(person).map((f) => f.scope)).toEqual(['name', 'uinfin']);
    expect(listOtherMyinfo(person)).toEqual({ vehicles: '[{"vehicleno":{"value":"SBA1234A"}}]' });
  });
});
