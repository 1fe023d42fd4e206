/**
 * Myinfo v5 `person_info` (SINGPASS-CORPPASS-FAPI.md §5), as Singpass sends it in a Myinfo app's userinfo,
 * and as the BFF hands it to the SPA: every item parsed once into a typed value that keeps Myinfo's
 * `source`/`lastupdated` markers and says plainly when the source had no value (`unavailable`).
 */

/** One item as it arrives on the wire: a leaf `{value}` or `{code, desc}`, or a composite, plus markers. */
export interface MyinfoWireItem {
  value?: string | number | boolean;
  code?: string;
  desc?: string;
  /** `"1"` government-verified, `"2"` user-provided, `"3"` not applicable, `"4"` verified. */
  source?: string;
  classification?: string;
  /** YYYY-MM-DD */
  lastupdated?: string;
  unavailable?: boolean;
  [field: string]: unknown;
}

/** `person_info` on the wire: scope name → item (arrays for the list scopes). */
export type MyinfoWirePerson = Record<string, MyinfoWireItem | MyinfoWireItem[]>;

/** A coded value, e.g. sex `{code: 'F', desc: 'FEMALE'}`. */
export interface MyinfoCode {
  code: string;
  desc: string;
}

/** `regadd` of type SG. Empty parts are omitted. */
export interface MyinfoAddress {
  type: string;
  block?: string;
  building?: string;
  floor?: string;
  unit?: string;
  street?: string;
  postal?: string;
  country?: MyinfoCode;
}

/** `mobileno`. */
export interface MyinfoPhone {
  prefix?: string;
  areaCode?: string;
  number: string;
}

/** Markers Myinfo puts on every item. */
export interface MyinfoMarkers {
  source?: '1' | '2' | '3' | '4';
  lastUpdated?: string;
}

/** A parsed item: its value, or `unavailable` when the source holds none for this person. */
export type MyinfoItem<T> = ({ available: true; value: T } | { available: false }) & MyinfoMarkers;

/** The person as the session carries it: the common items typed, every other granted item as sent. */
export interface MyinfoPerson {
  uinfin?: MyinfoItem<string>;
  name?: MyinfoItem<string>;
  aliasname?: MyinfoItem<string>;
  sex?: MyinfoItem<MyinfoCode>;
  race?: MyinfoItem<MyinfoCode>;
  nationality?: MyinfoItem<MyinfoCode>;
  birthcountry?: MyinfoItem<MyinfoCode>;
  residentialstatus?: MyinfoItem<MyinfoCode>;
  /** YYYY-MM-DD */
  dob?: MyinfoItem<string>;
  email?: MyinfoItem<string>;
  mobileno?: MyinfoItem<MyinfoPhone>;
  regadd?: MyinfoItem<MyinfoAddress>;
  marital?: MyinfoItem<MyinfoCode>;
  housingtype?: MyinfoItem<MyinfoCode>;
  hdbtype?: MyinfoItem<MyinfoCode>;
  /** Every other granted item (composites and lists included), exactly as Singpass sent it. */
  other: Record<string, unknown>;
}

/**
 * Myinfo v5 scopes by group (§5). Dotted sub-scopes are requested as written. A Myinfo app's
 * `SINGPASS_SCOPES` must be `openid` plus scopes from this list.
 */
export const MYINFO_SCOPES = [
  'uinfin',
  'partialuinfin',
  'name',
  'aliasname',
  'hanyupinyinname',
  'hanyupinyinaliasname',
  'marriedname',
  'sex',
  'race',
  'secondaryrace',
  'dialect',
  'dob',
  'residentialstatus',
  'nationality',
  'birthcountry',
  'passportnumber',
  'passportexpirydate',
  'passtype',
  'passstatus',
  'passexpirydate',
  'employmentsector',
  'mobileno',
  'email',
  'regadd',
  'hdbtype',
  'housingtype',
  'cpfbalances.oa',
  'cpfbalances.ma',
  'cpfbalances.ra',
  'cpfbalances.sa',
  'cpfcontributions',
  'cpfhousingwithdrawal',
  'noa-basic',
  'noahistory-basic',
  'noa',
  'noahistory',
  'ownerprivate',
  'employment',
  'occupation',
  'cpfemployers',
  'marital',
  'marriagedate',
  'divorcedate',
  'marriagecertno',
  'countryofmarriage',
  'childrenbirthrecords',
  'sponsoredchildrenrecords',
  'drivinglicence',
  'vehicles',
  'hdbownership',
  'pioneergen.eligibility',
  'merdekagen.eligibility',
  'chas',
] as const;

/** One reason `person_info` could not be read: the item's name (or `person_info`) and what is wrong. */
export interface MyinfoProblem {
  item: string;
  reason: string;
}

/** `parseMyinfoPerson`'s answer: the person, and every problem found (empty when all is well). */
export interface ParsedMyinfoPerson {
  person: MyinfoPerson;
  problems: MyinfoProblem[];
}

/** Item parsers answer `{v}` on success and a reason on failure, so a string value is never ambiguous. */
type ItemParser<T> = (item: Record<string, unknown>) => { v: T } | string;

const TEXT_ITEMS = ['uinfin', 'name', 'aliasname', 'email'] as const;
const CODE_ITEMS = [
  'sex',
  'race',
  'nationality',
  'birthcountry',
  'residentialstatus',
  'marital',
  'housingtype',
  'hdbtype',
] as const;
const MYINFO_SOURCES = new Set(['1', '2', '3', '4']);
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Parses Myinfo v5 `person_info` (SINGPASS-CORPPASS-FAPI.md §5) once, at the boundary. Rules:
 * - the common items (`MyinfoPerson`'s typed fields) must have their documented shape, else a problem is
 *   reported (the BFF then fails the login with `BFF_USERINFO_INVALID` rather than store data the SPA
 *   would mis-render);
 * - `{unavailable: true}` is not an error: the source holds no value for this person (`available: false`);
 * - `source` and `lastupdated` markers are kept; an unknown `source` is a problem;
 * - every other item (composites, lists, scopes added later, a non-SG `regadd`) is kept verbatim under
 *   `other`, so a new Myinfo scope never breaks logins.
 * No I/O; `raw` is untrusted.
 */
export function parseMyinfoPerson(raw: unknown): ParsedMyinfoPerson {
  const person: MyinfoPerson = { other: {} };
  const problems: MyinfoProblem[] = [];
  if (!isRecord(raw)) return { person, problems: [{ item: 'person_info', reason: 'not an object' }] };

  const typed = person as unknown as Record<string, unknown>;
  for (const [name, item] of Object.entries(raw)) {
    const parser = parserFor(name, item);
    if (parser === undefined) {
      person.other[name] = item;
      continue;
    }
    const result = parseItem(item, parser);
    if (typeof result === 'string') problems.push({ item: name, reason: result });
    else typed[name] = result;
  }
  return { person, problems };
}

function parserFor(name: string, item: unknown): ItemParser<unknown> | undefined {
  if ((TEXT_ITEMS as readonly string[]).includes(name)) return parseTextValue;
  if ((CODE_ITEMS as readonly string[]).includes(name)) return parseCodeValue;
  if (name === 'dob') return parseDateValue;
  if (name === 'mobileno') return parsePhoneValue;
  // Only the Singapore address format is typed; `Unformatted` and foreign ones stay verbatim in `other`.
  if (name === 'regadd' && isRecord(item) && (item.type === 'SG' || item.unavailable === true))
    return parseAddressValue;
  return undefined;
}

function parseItem<T>(item: unknown, parse: ItemParser<T>): MyinfoItem<T> | string {
  if (!isRecord(item)) return 'not an object';
  const markers: MyinfoMarkers = {};
  if (item.source !== undefined) {
    if (typeof item.source !== 'string' || !MYINFO_SOURCES.has(item.source)) return 'unknown source marker';
    markers.source = item.source as MyinfoMarkers['source'];
  }
  if (item.lastupdated !== undefined) {
    if (typeof item.lastupdated !== 'string') return 'lastupdated is not a string';
    markers.lastUpdated = item.lastupdated;
  }
  if (item.unavailable === true) return { available: false, ...markers };
  const value = parse(item);
  return typeof value === 'string' ? value : { available: true, value: value.v, ...markers };
}

function parseTextValue(item: Record<string, unknown>): { v: string } | string {
  return typeof item.value === 'string' ? { v: item.value } : 'value is not a string';
}

function parseDateValue(item: Record<string, unknown>): { v: string } | string {
  return typeof item.value === 'string' && ISO_DATE.test(item.value)
    ? { v: item.value }
    : 'value is not a YYYY-MM-DD date';
}

function parseCodeValue(item: Record<string, unknown>): { v: MyinfoCode } | string {
  const code = readCode(item);
  return code ?? 'not a {code, desc} pair';
}

function readCode(item: unknown): { v: MyinfoCode } | undefined {
  if (!isRecord(item) || typeof item.code !== 'string' || typeof item.desc !== 'string') return undefined;
  return { v: { code: item.code, desc: item.desc } };
}

/** A leaf `{value: "…"}` inside a composite; empty values count as absent. */
function readLeaf(item: unknown): string | undefined | null {
  if (item === undefined) return undefined;
  if (!isRecord(item) || typeof item.value !== 'string') return null;
  return item.value === '' ? undefined : item.value;
}

function parsePhoneValue(item: Record<string, unknown>): { v: MyinfoPhone } | string {
  const prefix = readLeaf(item.prefix);
  const areaCode = readLeaf(item.areacode);
  const number = readLeaf(item.nbr);
  if (prefix === null || areaCode === null || number === null) return 'a part is not {value}';
  if (number === undefined) return 'nbr is missing';
  return { v: { number, ...(prefix && { prefix }), ...(areaCode && { areaCode }) } };
}

const ADDRESS_PARTS = ['block', 'building', 'floor', 'unit', 'street', 'postal'] as const;

function parseAddressValue(item: Record<string, unknown>): { v: MyinfoAddress } | string {
  const address: MyinfoAddress = { type: 'SG' };
  for (const part of ADDRESS_PARTS) {
    const value = readLeaf(item[part]);
    if (value === null) return `${part} is not {value}`;
    if (value !== undefined) address[part] = value;
  }
  if (item.country !== undefined) {
    const country = readCode(item.country);
    if (!country) return 'country is not a {code, desc} pair';
    if (country.v.code !== '') address.country = country.v;
  }
  return { v: address };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
