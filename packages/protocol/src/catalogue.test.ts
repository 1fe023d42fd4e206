import { describe, expect, it } from 'vitest';
import { CATALOGUE, DATA_SCOPES, parseScopeValue, parseUserData } from './catalogue';

describe('data catalogue', () => {
  it('parses every scope example into a value', () => {
    for (const scope of DATA_SCOPES) {
      const result = parseScopeValue(scope, CATALOGUE[scope].example);
      expect(result.ok, scope).toBe(true);
    }
  });

  it('turns NA into null for every scope', () => {
    for (const scope of DATA_SCOPES) expect(parseScopeValue(scope, 'NA')).toEqual({ ok: true, value: null });
  });

  it('parses records into arrays of objects and keeps extra fields', () => {
    const result = parseScopeValue('myinfo.vehicles', '[{"vehicle_number":"SBA1234A","make":"TOYOTA"}]');
    expect(result).toEqual({ ok: true, value: [{ vehicle_number: 'SBA1234A', make: 'TOYOTA' }] });
  });

  it('rejects malformed records, impossible dates and bad NRICs with a reason', () => {
    expect(parseScopeValue('myinfo.vehicles', '{"vehicle_number":"x"}').ok).toBe(false);
    expect(parseScopeValue('myinfo.vehicles', '[{"plate":"x"}]').ok).toBe(false);
    expect(parseScopeValue('myinfo.children_birth_records', 'not json').ok).toBe(false);
    expect(parseScopeValue('myinfo.date_of_birth', '2023-02-30').ok).toBe(false);
    expect(parseScopeValue('myinfo.nric_number', 'S1234567A').ok).toBe(false);
  });

  it('splits an address into lines and finds the postal code', () => {
    expect(
      parseScopeValue('myinfo.registered_address', 'BLK 1 ANG MO KIO\n#01-01\nSINGAPORE 560001'),
    ).toEqual({
      ok: true,
      value: { lines: ['BLK 1 ANG MO KIO', '#01-01', 'SINGAPORE 560001'], postalCode: '560001' },
    });
  });

  it('parses a whole data object, keeping unknown scopes verbatim and listing problems without values', () => {
    const result = parseUserData({
      'myinfo.name': 'TAN AH KOW',
      'myinfo.date_of_birth': 'yesterday',
      'myinfo.future_scope': 'x',
    });
    expect(result.data).toEqual({ 'myinfo.name': 'TAN AH KOW' });
    expect(result.unknown).toEqual({ 'myinfo.future_scope': 'x' });
    expect(result.problems).toEqual([{ scope: 'myinfo.date_of_birth', reason: 'not a YYYY-MM-DD date' }]);
  });
});
