import { describe, expect, it } from 'vitest';
import { BUILT_IN_PERSONAS } from '../../personas/built-in-personas';
import type { Persona } from '../../personas/persona';
import { buildPersonInfo } from './build-person-info';
import { buildSubAttributes } from './build-sub-attributes';
import { deriveSingpassSub } from './singpass-sub';

const tan = BUILT_IN_PERSONAS.find((p) => p.nric === 'S9812381D') as Persona;
const sfa = BUILT_IN_PERSONAS.find((p) => p.nric === 'F8123456Q') as Persona;
const secret = Buffer.alloc(32, 7);

describe('deriveSingpassSub', () => {
  it('is a v4-shaped UUID, stable per client and person, different across clients', () => {
    const a = deriveSingpassSub(secret, 'client-a', tan.nric);
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(deriveSingpassSub(secret, 'client-a', tan.nric)).toBe(a);
    expect(deriveSingpassSub(secret, 'client-b', tan.nric)).not.toBe(a);
    expect(deriveSingpassSub(Buffer.alloc(32, 8), 'client-a', tan.nric)).not.toBe(a);
  });
});

describe('buildSubAttributes', () => {
  it('fills only what the granted scopes cover, and nothing for openid alone', () => {
    expect(buildSubAttributes(tan, ['openid'])).toBeUndefined();
    expect(buildSubAttributes(tan, ['openid', 'email'])).toEqual({ email: 'tan.heng.huat@example.com' });
  });
  it('describes an SFA holder as foreign, with the foreign identity and no mobile number', () => {
    expect(buildSubAttributes(sfa, ['user.identity', 'mobileno'])).toEqual({
      account_type: 'foreign',
      identity_number: 'P7654321B',
      identity_coi: 'PH',
    });
  });
});

describe('buildPersonInfo', () => {
  it('builds Myinfo v5 items with markers for the granted Myinfo scopes only', () => {
    const person = buildPersonInfo(tan, ['openid', 'user.identity', 'name', 'sex', 'marital']);
    expect(Object.keys(person)).toEqual(['name', 'sex', 'marital']);
    expect(person.name).toEqual({
      value: 'TAN HENG HUAT',
      source: '1',
      classification: 'C',
      lastupdated: '2026-01-15',
    });
    expect(person.sex).toMatchObject({ code: 'M', desc: 'MALE' });
    expect(person.marital).toMatchObject({ code: '2', desc: 'MARRIED' });
  });
  it('answers {unavailable: true} for what the persona lacks or the emulator cannot derive', () => {
    const person = buildPersonInfo(sfa, ['regadd', 'cpfbalances.oa', 'uinfin']);
    expect(person.regadd).toMatchObject({ unavailable: true, source: '1' });
    expect(person['cpfbalances.oa']).toMatchObject({ unavailable: true });
    expect(person.uinfin).toMatchObject({ value: 'F8123456Q' });
  });
});
