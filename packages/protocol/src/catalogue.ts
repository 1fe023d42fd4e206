/**
 * The sgID data catalogue (SGID-PROTOCOL.md §7): every data scope with the words the consent screen
 * shows, a label for profile pages, its value format, an example, and a parser from the decrypted string
 * to a typed value. The emulator renders consent from it and the BFF parses userinfo with it.
 */
import { NOT_AVAILABLE } from './constants';
import { type ParseResult, parsed } from './parse-result';
import type {
  ChildBirthRecord,
  PublicOfficerDetail,
  RegisteredAddress,
  SponsoredChildRecord,
  Vehicle,
} from './records';
import {
  parseAddress,
  parseCount,
  parseDate,
  parseEmail,
  parseInternationalPhone,
  parseLocalPhone,
  parseNric,
  parseRecords,
  parseText,
} from './value-parsers';

/** The typed value of each data scope once parsed. `null` stands for sgID's `NA` (not available). */
export interface ScopeValues {
  'myinfo.nric_number': string;
  'myinfo.name': string;
  'myinfo.email': string;
  'myinfo.sex': string;
  'myinfo.race': string;
  'myinfo.mobile_number': string;
  'myinfo.mobile_number_with_country_code': string;
  'myinfo.registered_address': RegisteredAddress;
  'myinfo.date_of_birth': string;
  'myinfo.passport_number': string;
  'myinfo.passport_expiry_date': string;
  'myinfo.nationality': string;
  'myinfo.residentialstatus': string;
  'myinfo.housingtype': string;
  'myinfo.hdbtype': string;
  'myinfo.birth_country': string;
  'myinfo.vehicles': Vehicle[];
  'myinfo.name_of_employer': string;
  'myinfo.workpass_status': string;
  'myinfo.workpass_expiry_date': string;
  'myinfo.marital_status': string;
  'myinfo.dialect': string;
  'myinfo.occupation': string;
  'myinfo.country_of_marriage': string;
  'myinfo.marriage_certificate_number': string;
  'myinfo.marriage_date': string;
  'myinfo.divorce_date': string;
  'myinfo.children_birth_records': ChildBirthRecord[];
  'myinfo.sponsored_children_records': SponsoredChildRecord[];
  'pocdex.public_officer_details': PublicOfficerDetail[];
  'pocdex.number_of_employments': number;
}

/** A scope that carries personal data (everything but `openid`). */
export type DataScope = keyof ScopeValues;

/** How a value is written on the wire, for documentation and for rendering. */
export type ValueFormat =
  | 'text'
  | 'code-description'
  | 'nric'
  | 'email'
  | 'phone'
  | 'phone-with-country-code'
  | 'date'
  | 'address'
  | 'count'
  | 'records';

export interface ScopeDefinition<S extends DataScope = DataScope> {
  scope: S;
  /** Short label for a profile page, e.g. "Date of birth". */
  label: string;
  /** Plain words for the consent screen, e.g. "Your date of birth". */
  consent: string;
  format: ValueFormat;
  /** For `records`: the columns in display order, with their labels. */
  columns?: ReadonlyArray<{ field: string; label: string }>;
  /** A realistic wire value, for documentation and tests. */
  example: string;
  parse: (raw: string) => ParseResult<ScopeValues[S]>;
}

type Catalogue = { readonly [S in DataScope]: ScopeDefinition<S> };

const text = { format: 'text', parse: parseText } as const;
const description = { format: 'code-description', parse: parseText } as const;
const date = { format: 'date', parse: parseDate } as const;

const CHILD_COLUMNS = [
  { field: 'name', label: 'Name' },
  { field: 'birth_cert_no', label: 'Birth certificate no.' },
  { field: 'date_of_birth', label: 'Date of birth' },
  { field: 'sex', label: 'Sex' },
  { field: 'life_status', label: 'Life status' },
] as const;

const SPONSORED_CHILD_COLUMNS = [
  { field: 'name', label: 'Name' },
  { field: 'nric', label: 'NRIC/FIN' },
  { field: 'date_of_birth', label: 'Date of birth' },
  { field: 'sex', label: 'Sex' },
  { field: 'nationality', label: 'Nationality' },
  { field: 'residential_status', label: 'Residential status' },
  { field: 'life_status', label: 'Life status' },
] as const;

const OFFICER_COLUMNS = [
  { field: 'agency_name', label: 'Agency' },
  { field: 'department_name', label: 'Department' },
  { field: 'employment_title', label: 'Title' },
  { field: 'employment_type', label: 'Employment type' },
  { field: 'work_email', label: 'Work email' },
] as const;

export const CATALOGUE: Catalogue = {
  'myinfo.nric_number': {
    scope: 'myinfo.nric_number',
    label: 'NRIC/FIN',
    consent: 'Your NRIC or FIN number',
    format: 'nric',
    example: 'S9812381D',
    parse: parseNric,
  },
  'myinfo.name': {
    scope: 'myinfo.name',
    label: 'Name',
    consent: 'Your full name',
    example: 'TAN HENG HUAT',
    ...text,
  },
  'myinfo.email': {
    scope: 'myinfo.email',
    label: 'Email',
    consent: 'Your email address',
    format: 'email',
    example: 'tan.heng.huat@example.com',
    parse: parseEmail,
  },
  'myinfo.sex': { scope: 'myinfo.sex', label: 'Sex', consent: 'Your sex', example: 'MALE', ...description },
  'myinfo.race': {
    scope: 'myinfo.race',
    label: 'Race',
    consent: 'Your race',
    example: 'CHINESE',
    ...description,
  },
  'myinfo.mobile_number': {
    scope: 'myinfo.mobile_number',
    label: 'Mobile number',
    consent: 'Your mobile number',
    format: 'phone',
    example: '97399245',
    parse: parseLocalPhone,
  },
  'myinfo.mobile_number_with_country_code': {
    scope: 'myinfo.mobile_number_with_country_code',
    label: 'Mobile number (with country code)',
    consent: 'Your mobile number with its country code',
    format: 'phone-with-country-code',
    example: '+65 97399245',
    parse: parseInternationalPhone,
  },
  'myinfo.registered_address': {
    scope: 'myinfo.registered_address',
    label: 'Registered address',
    consent: 'Your registered address',
    format: 'address',
    example: '102 BEDOK NORTH AVENUE 4\n#09-154\nSINGAPORE 460102',
    parse: parseAddress,
  },
  'myinfo.date_of_birth': {
    scope: 'myinfo.date_of_birth',
    label: 'Date of birth',
    consent: 'Your date of birth',
    example: '1988-10-06',
    ...date,
  },
  'myinfo.passport_number': {
    scope: 'myinfo.passport_number',
    label: 'Passport number',
    consent: 'Your passport number',
    example: 'E35463874W',
    ...text,
  },
  'myinfo.passport_expiry_date': {
    scope: 'myinfo.passport_expiry_date',
    label: 'Passport expiry date',
    consent: 'The expiry date of your passport',
    example: '2030-03-14',
    ...date,
  },
  'myinfo.nationality': {
    scope: 'myinfo.nationality',
    label: 'Nationality',
    consent: 'Your nationality',
    example: 'SINGAPORE CITIZEN',
    ...description,
  },
  'myinfo.residentialstatus': {
    scope: 'myinfo.residentialstatus',
    label: 'Residential status',
    consent: 'Your residential status (citizen, PR or foreigner)',
    example: 'CITIZEN',
    ...description,
  },
  'myinfo.housingtype': {
    scope: 'myinfo.housingtype',
    label: 'Housing type',
    consent: 'The type of private housing you live in',
    example: 'CONDOMINIUM',
    ...description,
  },
  'myinfo.hdbtype': {
    scope: 'myinfo.hdbtype',
    label: 'HDB flat type',
    consent: 'The type of HDB flat you live in',
    example: '4-ROOM FLAT (HDB)',
    ...description,
  },
  'myinfo.birth_country': {
    scope: 'myinfo.birth_country',
    label: 'Country of birth',
    consent: 'Your country of birth',
    example: 'SINGAPORE',
    ...description,
  },
  'myinfo.vehicles': {
    scope: 'myinfo.vehicles',
    label: 'Vehicles',
    consent: 'The vehicles registered to you',
    format: 'records',
    columns: [{ field: 'vehicle_number', label: 'Vehicle number' }],
    example: '[{"vehicle_number":"SLA1234B"}]',
    parse: (raw) => parseRecords<Vehicle>(raw, ['vehicle_number']),
  },
  'myinfo.name_of_employer': {
    scope: 'myinfo.name_of_employer',
    label: 'Employer',
    consent: 'The name of your employer',
    example: 'GOVERNMENT TECHNOLOGY AGENCY',
    ...text,
  },
  'myinfo.workpass_status': {
    scope: 'myinfo.workpass_status',
    label: 'Work pass status',
    consent: 'The status of your work pass',
    example: 'LIVE',
    ...description,
  },
  'myinfo.workpass_expiry_date': {
    scope: 'myinfo.workpass_expiry_date',
    label: 'Work pass expiry date',
    consent: 'The expiry date of your work pass',
    example: '2027-06-30',
    ...date,
  },
  'myinfo.marital_status': {
    scope: 'myinfo.marital_status',
    label: 'Marital status',
    consent: 'Your marital status',
    example: 'MARRIED',
    ...description,
  },
  'myinfo.dialect': {
    scope: 'myinfo.dialect',
    label: 'Dialect',
    consent: 'Your dialect group',
    example: 'HOKKIEN',
    ...description,
  },
  'myinfo.occupation': {
    scope: 'myinfo.occupation',
    label: 'Occupation',
    consent: 'Your occupation',
    example: 'SOFTWARE ENGINEER',
    ...description,
  },
  'myinfo.country_of_marriage': {
    scope: 'myinfo.country_of_marriage',
    label: 'Country of marriage',
    consent: 'The country where you were married',
    example: 'SINGAPORE',
    ...description,
  },
  'myinfo.marriage_certificate_number': {
    scope: 'myinfo.marriage_certificate_number',
    label: 'Marriage certificate number',
    consent: 'Your marriage certificate number',
    example: 'M1234567',
    ...text,
  },
  'myinfo.marriage_date': {
    scope: 'myinfo.marriage_date',
    label: 'Date of marriage',
    consent: 'The date of your marriage',
    example: '2015-09-12',
    ...date,
  },
  'myinfo.divorce_date': {
    scope: 'myinfo.divorce_date',
    label: 'Date of divorce',
    consent: 'The date of your divorce',
    example: '2021-01-20',
    ...date,
  },
  'myinfo.children_birth_records': {
    scope: 'myinfo.children_birth_records',
    label: 'Children',
    consent: "Your children's birth records (name, birth certificate number, date of birth)",
    format: 'records',
    columns: CHILD_COLUMNS,
    example:
      '[{"birth_cert_no":"T1872646C","name":"TAN XIAO MING","date_of_birth":"2018-05-05","sex":"MALE","life_status":"ALIVE"}]',
    parse: (raw) =>
      parseRecords<ChildBirthRecord>(raw, ['birth_cert_no', 'name', 'date_of_birth', 'life_status']),
  },
  'myinfo.sponsored_children_records': {
    scope: 'myinfo.sponsored_children_records',
    label: 'Sponsored children',
    consent: 'Records of the children you sponsor (name, NRIC/FIN, date of birth, status)',
    format: 'records',
    columns: SPONSORED_CHILD_COLUMNS,
    example:
      '[{"nric":"T1234567J","name":"ALI BIN ABU","date_of_birth":"2017-02-01","sex":"MALE","race":"MALAY","life_status":"ALIVE","nationality":"BRITISH","residential_status":"PR"}]',
    parse: (raw) =>
      parseRecords<SponsoredChildRecord>(raw, [
        'nric',
        'name',
        'date_of_birth',
        'sex',
        'race',
        'life_status',
        'nationality',
        'residential_status',
      ]),
  },
  'pocdex.public_officer_details': {
    scope: 'pocdex.public_officer_details',
    label: 'Public officer details',
    consent: 'Your public service employment: agency, department, title and work email',
    format: 'records',
    columns: OFFICER_COLUMNS,
    example:
      '[{"work_email":"lim_yong_xiang@tech.gov.sg","agency_name":"GovTech","department_name":"Open Government Products","employment_type":"Permanent","employment_title":"Software Engineer"}]',
    parse: (raw) =>
      parseRecords<PublicOfficerDetail>(raw, [
        'work_email',
        'agency_name',
        'department_name',
        'employment_type',
        'employment_title',
      ]),
  },
  'pocdex.number_of_employments': {
    scope: 'pocdex.number_of_employments',
    label: 'Number of public service employments',
    consent: 'How many public service employments you hold',
    format: 'count',
    example: '1',
    parse: parseCount,
  },
};

/** Every data scope, in catalogue order. */
export const DATA_SCOPES = Object.keys(CATALOGUE) as DataScope[];

export function isDataScope(scope: string): scope is DataScope {
  return Object.hasOwn(CATALOGUE, scope);
}

export function getScopeDefinition<S extends DataScope>(scope: S): ScopeDefinition<S> {
  return CATALOGUE[scope] as ScopeDefinition<S>;
}

/** Parse one decrypted value. `NA` becomes `null` (the person has no such data). */
export function parseScopeValue<S extends DataScope>(
  scope: S,
  raw: string,
): ParseResult<ScopeValues[S] | null> {
  if (raw === NOT_AVAILABLE) return parsed(null);
  return getScopeDefinition(scope).parse(raw);
}

/** The typed personal data of a login: each requested scope's value, `null` when not available. */
export type UserData = { [S in DataScope]?: ScopeValues[S] | null };

export interface ParsedUserData {
  data: UserData;
  /** Scopes sgID sent that the catalogue does not know, kept verbatim so a new scope never breaks a login. */
  unknown: Record<string, string>;
  /** Values that did not match their format: scope and reason (never the value: it is personal data). */
  problems: Array<{ scope: string; reason: string }>;
}

/** Parse a whole decrypted userinfo `data` object with the catalogue. */
export function parseUserData(raw: Readonly<Record<string, string>>): ParsedUserData {
  const data: Record<string, unknown> = {};
  const unknown: Record<string, string> = {};
  const problems: Array<{ scope: string; reason: string }> = [];
  for (const [scope, value] of Object.entries(raw)) {
    if (!isDataScope(scope)) {
      unknown[scope] = value;
      continue;
    }
    const result = parseScopeValue(scope, value);
    if (result.ok) data[scope] = result.value;
    else problems.push({ scope, reason: result.reason });
  }
  return { data: data as UserData, unknown, problems };
}
