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
