import { CATALOGUE, type UserData } from '@sgid-bff/protocol';
import { describe, expect, it } from 'vitest';
import {
  formatDate,
  formatInternationalPhone,
  formatLocalPhone,
  listProfileFields,
  toDisplayValue,
} from './format-value';

describe('formatting by catalogue format', () => {
  it('writes dates in words, whatever the device time zone', () => {
    expect(formatDate('1988-10-06')).toBe('6 October 1988');
    expect(formatDate('2030-01-01')).toBe('1 January 2030');
    expect(formatDate('not a date')).toBe('not a date');
    expect(toDisplayValue('myinfo.passport_expiry_date', '2030-03-14')).toEqual({
      kind: 'text',
      text: '14 March 2030',
    });
  });

  it('groups phone numbers', () => {
    expect(formatLocalPhone('97399245')).toBe('9739 9245');
    expect(formatLocalPhone('123456789')).toBe('123456789');
    expect(formatInternationalPhone('+65 97399245')).toBe('+65 9739 9245');
    expect(formatInternationalPhone('+6597399245')).toBe('+65 9739 9245');
    expect(toDisplayValue('myinfo.mobile_number', '97399245')).toEqual({ kind: 'text', text: '9739 9245' });
  });

  it('shows an address as its lines', () => {
    const address = {
      lines: ['102 BEDOK NORTH AVENUE 4', '#09-154', 'SINGAPORE 460102'],
      postalCode: '460102',
    };
    expect(toDisplayValue('myinfo.registered_address', address)).toEqual({
      kind: 'lines',
      lines: ['102 BEDOK NORTH AVENUE 4', '#09-154', 'SINGAPORE 460102'],
    });
  });

  it('shows null (sgID "NA") as not available', () => {
    expect(toDisplayValue('myinfo.passport_number', null)).toEqual({ kind: 'not-available' });
  });

  it('shows records as a table with the catalogue columns, NA cells as "Not available"', () => {
    const value = toDisplayValue('myinfo.children_birth_records', [
      {
        birth_cert_no: 'T1872646C',
        name: 'TAN XIAO MING',
        date_of_birth: '2018-05-05',
        sex: 'NA',
        life_status: 'ALIVE',
      },
    ]);
    expect(value).toEqual({
      kind: 'table',
      columns: [...(CATALOGUE['myinfo.children_birth_records'].columns ?? [])],
      rows: [['TAN XIAO MING', 'T1872646C', '5 May 2018', 'Not available', 'ALIVE']],
    });
    expect(toDisplayValue('myinfo.vehicles', [])).toEqual({ kind: 'text', text: 'None' });
  });

  it('shows counts and code descriptions as they are', () => {
    expect(toDisplayValue('pocdex.number_of_employments', 2)).toEqual({ kind: 'text', text: '2' });
    expect(toDisplayValue('myinfo.hdbtype', '4-ROOM FLAT (HDB)')).toEqual({
      kind: 'text',
      text: '4-ROOM FLAT (HDB)',
    });
  });
});

describe('listProfileFields', () => {
  it('lists every returned field in catalogue order with its label', () => {
    const data: UserData = {
      'myinfo.email': 'a@example.com',
      'myinfo.name': 'TAN HENG HUAT',
      'myinfo.passport_number': null,
    };
    expect(listProfileFields(data)).toEqual([
      { scope: 'myinfo.name', label: 'Name', value: { kind: 'text', text: 'TAN HENG HUAT' } },
      { scope: 'myinfo.email', label: 'Email', value: { kind: 'text', text: 'a@example.com' } },
      { scope: 'myinfo.passport_number', label: 'Passport number', value: { kind: 'not-available' } },
    ]);
  });

  it('formats every catalogue example without throwing', () => {
    for (const scope of Object.keys(CATALOGUE) as Array<keyof typeof CATALOGUE>) {
      const parsed = CATALOGUE[scope].parse(CATALOGUE[scope].example);
      expect(parsed.ok).toBe(true);
      if (parsed.ok) expect(toDisplayValue(scope, parsed.value)).not.toEqual({ kind: 'not-available' });
    }
  });
});
