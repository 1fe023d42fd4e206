import {
  DATA_SCOPES,
  isForeignIdentificationNumber,
  isValidNric,
  NOT_AVAILABLE,
  parseScopeValue,
} from '@sgid-bff/protocol';
import { describe, expect, it } from 'vitest';
import { BUILT_IN_PERSONAS } from './built-in-personas';
import { readPersonaValue } from './persona';

describe('built-in personas', () => {
  it('has at least 10 people with unique, valid NRIC/FIN check letters', () => {
    expect(BUILT_IN_PERSONAS.length).toBeGreaterThanOrEqual(10);
    for (const persona of BUILT_IN_PERSONAS) expect(isValidNric(persona.nric), persona.nric).toBe(true);
    expect(new Set(BUILT_IN_PERSONAS.map((p) => p.nric)).size).toBe(BUILT_IN_PERSONAS.length);
  });
  it('gives every persona value a form the catalogue parsers accept', () => {
    for (const persona of BUILT_IN_PERSONAS) {
      for (const scope of DATA_SCOPES) {
        const result = parseScopeValue(scope, readPersonaValue(persona, scope));
        expect(result.ok, `${persona.nric} ${scope}: ${result.ok ? '' : result.reason}`).toBe(true);
      }
    }
  });
  it('covers every data scope with a real value somewhere', () => {
    for (const scope of DATA_SCOPES) {
      const holders = BUILT_IN_PERSONAS.filter((p) => readPersonaValue(p, scope) !== NOT_AVAILABLE);
      expect(holders.length, scope).toBeGreaterThan(0);
    }
  });
  it('includes people with missing values (NA)', () => {
    const withGaps = BUILT_IN_PERSONAS.filter((p) =>
      DATA_SCOPES.some((s) => readPersonaValue(p, s) === NOT_AVAILABLE),
    );
    expect(withGaps.length).toBeGreaterThan(5);
  });
  it('includes citizens, PRs and foreigners, consistent with the NRIC series', () => {
    const status = (nric: string) =>
      BUILT_IN_PERSONAS.filter((p) => p.data['myinfo.residentialstatus'] === nric).map((p) => p.nric);
    expect(status('CITIZEN').length).toBeGreaterThan(0);
    expect(status('PR').length).toBeGreaterThan(0);
    expect(status('ALIEN').length).toBeGreaterThan(0);
    for (const nric of status('ALIEN')) expect(isForeignIdentificationNumber(nric)).toBe(true);
    for (const nric of [...status('CITIZEN'), ...status('PR')])
      expect(isForeignIdentificationNumber(nric)).toBe(false);
  });
  it('keeps records as JSON strings with the catalogue fields, including nested NRICs that validate', () => {
    for (const persona of BUILT_IN_PERSONAS) {
      const sponsored = persona.data['myinfo.sponsored_children_records'];
      if (sponsored !== undefined) {
        for (const child of JSON.parse(sponsored) as Array<{ nric: string }>)
          expect(isValidNric(child.nric)).toBe(true);
      }
      const children = persona.data['myinfo.children_birth_records'];
      if (children !== undefined) {
        for (const child of JSON.parse(children) as Array<{ birth_cert_no: string }>) {
          expect(isValidNric(child.birth_cert_no)).toBe(true);
        }
      }
    }
  });
  it('answers the NRIC itself for myinfo.nric_number', () => {
    const [first] = BUILT_IN_PERSONAS;
    expect(first && readPersonaValue(first, 'myinfo.nric_number')).toBe(first?.nric);
  });
});
