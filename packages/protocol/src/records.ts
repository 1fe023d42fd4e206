/**
 * Shapes of the JSON-encoded record scopes (SGID-PROTOCOL.md §7). sgID sends these as JSON strings;
 * the catalogue parses them into these objects. Every field is a string as on the wire; `NA` inside a
 * record is kept as the literal (it is the person's data, not the whole item being missing).
 */

export interface Vehicle {
  vehicle_number: string;
  [field: string]: string;
}

export interface ChildBirthRecord {
  birth_cert_no: string;
  name: string;
  date_of_birth: string;
  life_status: string;
  [field: string]: string;
}

export interface SponsoredChildRecord {
  nric: string;
  name: string;
  date_of_birth: string;
  sex: string;
  race: string;
  life_status: string;
  nationality: string;
  residential_status: string;
  [field: string]: string;
}

export interface PublicOfficerDetail {
  work_email: string;
  agency_name: string;
  department_name: string;
  employment_type: string;
  employment_title: string;
  [field: string]: string;
}

/** A registered address split into its printed lines (sgID joins them with `\n`). */
export interface RegisteredAddress {
  lines: string[];
  /** The six-digit postal code when the last line ends with one. */
  postalCode: string | null;
}
