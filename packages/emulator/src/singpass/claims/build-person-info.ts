/**
 * Myinfo v5 `person_info` for a Myinfo app's userinfo (§4.10, §5), built from a persona's sgID-shaped
 * data for exactly the granted Myinfo scopes:
 * - leaves are `{value}` or `{code, desc}`; `regadd` and `mobileno` are composites; every item carries
 *   `source` ("1", government-verified), `classification` ("C") and `lastupdated`;
 * - a scope the persona has no data for (or the emulator cannot derive) is `{unavailable: true}` with the
 *   same markers, as Myinfo sends it.
 * Codes follow Myinfo's code tables for the values the built-in personas use; anything else gets its
 * description as code, which RPs must tolerate anyway.
 */
import type { DataScope, MyinfoWireItem, MyinfoWirePerson } from '@sgid-bff/protocol';
import { MYINFO_SCOPES, NOT_AVAILABLE } from '@sgid-bff/protocol';
import type { Persona } from '../../personas/persona';

const MARKERS = { source: '1', classification: 'C', lastupdated: '2026-01-15' } as const;

const CODES: Readonly<Record<string, string>> = {
  MALE: 'M',
  FEMALE: 'F',
  CHINESE: 'CN',
  MALAY: 'MY',
  INDIAN: 'IN',
  EURASIAN: 'EA',
  JAPANESE: 'JP',
  CITIZEN: 'C',
  PR: 'P',
  ALIEN: 'A',
  SINGLE: '1',
  MARRIED: '2',
  WIDOWED: '3',
  DIVORCED: '5',
  SINGAPORE: 'SG',
  'SINGAPORE CITIZEN': 'SG',
  INDIA: 'IN',
  JAPAN: 'JP',
};

type Builder = (read: (key: DataScope) => string | undefined, persona: Persona) => MyinfoWireItem | undefined;

const text =
  (key: DataScope): Builder =>
  (read) => {
    const value = read(key);
    return value === undefined ? undefined : { value };
  };

const coded =
  (key: DataScope): Builder =>
  (read) => {
    const desc = read(key);
    return desc === undefined ? undefined : { code: CODES[desc] ?? desc, desc };
  };

/** `102 BEDOK NORTH AVENUE 4\n#09-154\nSINGAPORE 460102` → the SG address composite. */
function address(raw: string): MyinfoWireItem {
  const [street = '', unitLine = '', postalLine = ''] = raw.split('\n');
  const streetMatch = /^(\d+[A-Z]?) (.+)$/.exec(street);
  const unitMatch = /^#(\d+)-(\w+)$/.exec(unitLine);
  return {
    type: 'SG',
    block: { value: streetMatch?.[1] ?? '' },
    building: { value: '' },
    floor: { value: unitMatch?.[1] ?? '' },
    unit: { value: unitMatch?.[2] ?? '' },
    street: { value: streetMatch?.[2] ?? street },
    postal: { value: /(\d{6})$/.exec(postalLine)?.[1] ?? '' },
    country: { code: 'SG', desc: 'SINGAPORE' },
  };
}

const BUILDERS: Readonly<Partial<Record<string, Builder>>> = {
  uinfin: (_read, persona) => ({ value: persona.nric }),
  partialuinfin: (_read, persona) => ({ value: `*****${persona.nric.slice(5)}` }),
  name: text('myinfo.name'),
  sex: coded('myinfo.sex'),
  race: coded('myinfo.race'),
  dialect: coded('myinfo.dialect'),
  dob: text('myinfo.date_of_birth'),
  residentialstatus: coded('myinfo.residentialstatus'),
  nationality: coded('myinfo.nationality'),
  birthcountry: coded('myinfo.birth_country'),
  passportnumber: text('myinfo.passport_number'),
  passportexpirydate: text('myinfo.passport_expiry_date'),
  email: text('myinfo.email'),
  mobileno: (read) => {
    const nbr = read('myinfo.mobile_number');
    return nbr === undefined
      ? undefined
      : { prefix: { value: '+' }, areacode: { value: '65' }, nbr: { value: nbr } };
  },
  regadd: (read) => {
    const raw = read('myinfo.registered_address');
    return raw === undefined ? undefined : address(raw);
  },
  hdbtype: coded('myinfo.hdbtype'),
  housingtype: coded('myinfo.housingtype'),
  occupation: coded('myinfo.occupation'),
  employment: text('myinfo.name_of_employer'),
  marital: coded('myinfo.marital_status'),
  marriagedate: text('myinfo.marriage_date'),
  divorcedate: text('myinfo.divorce_date'),
  marriagecertno: text('myinfo.marriage_certificate_number'),
  countryofmarriage: coded('myinfo.country_of_marriage'),
};

const MYINFO: ReadonlySet<string> = new Set(MYINFO_SCOPES);

export function buildPersonInfo(persona: Persona, scopes: readonly string[]): MyinfoWirePerson {
  const read = (key: DataScope): string | undefined => {
    const value = persona.data[key];
    return value === undefined || value === NOT_AVAILABLE ? undefined : value;
  };
  const person: MyinfoWirePerson = {};
  for (const scope of scopes) {
    if (!MYINFO.has(scope)) continue;
    const item = BUILDERS[scope]?.(read, persona);
    person[scope] = item === undefined ? { unavailable: true, ...MARKERS } : { ...item, ...MARKERS };
  }
  return person;
}
