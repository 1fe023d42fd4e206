import { DATA_SCOPES, parseScopeValue } from '@sgid-bff/protocol';
import { describe, expect, it } from 'vitest';
import { generatePersona } from './generate-persona';
import { readPersonaValue } from './persona';
import { createPersonaDirectory } from './persona-directory';

describe('generatePersona', () => {
  it('is deterministic and parses with the catalogue', () => {
    const persona = generatePersona('S8123987H');
    expect(generatePersona('S8123987H')).toEqual(persona);
    for (const scope of DATA_SCOPES)
      expect(parseScopeValue(scope, readPersonaValue(persona, scope)).ok, scope).toBe(true);
    expect(persona.data['myinfo.date_of_birth']?.startsWith('1981-')).toBe(true);
    expect(persona.data['myinfo.residentialstatus']).toBe('CITIZEN');
  });
  it('makes F/G numbers foreigners', () => {
    expect(generatePersona('F2345678T').data['myinfo.residentialstatus']).toBe('ALIEN');
  });
});

describe('createPersonaDirectory', () => {
  it('finds listed, configured and generated personas; refuses invalid numbers', () => {
    const custom = { nric: 'S1234567D', summary: 'Custom', data: { 'myinfo.name': 'CUSTOM' } };
    const directory = createPersonaDirectory([custom]);
    expect(directory.find('S9812381D')?.data['myinfo.name']).toBe('TAN HENG HUAT');
    expect(directory.find('S1234567D')).toBe(custom);
    expect(directory.listed).toContain(custom);
    expect(directory.find('T1567890E')?.summary).toMatch(/Generated/);
    expect(directory.find('S1234567A')).toBeUndefined();
    expect(directory.find('not-an-nric')).toBeUndefined();
  });
  it('lets a configured persona replace a built-in one with the same NRIC', () => {
    const directory = createPersonaDirectory([{ nric: 'S9812381D', summary: 'Mine', data: {} }]);
    expect(directory.find('S9812381D')?.summary).toBe('Mine');
    expect(directory.listed.filter((p) => p.nric === 'S9812381D')).toHaveLength(1);
  });
});
