/**
 * A persona: a synthetic person the simulated Singpass app can log in as. Values are stored exactly as
 * sgID sends them (SGID-PROTOCOL.md §7): strings, records as JSON strings, and a scope the person has no
 * data for is answered `NA`.
 */
import { type DataScope, NOT_AVAILABLE } from '@sgid-bff/protocol';

export interface Persona {
  /** NRIC or FIN with a valid check letter; also the value of `myinfo.nric_number`. */
  readonly nric: string;
  /** One line for the persona picker, e.g. "Citizen, married, two children". */
  readonly summary: string;
  /** Wire values by scope. A data scope missing here is answered `NA`. */
  readonly data: Readonly<Partial<Record<DataScope, string>>>;
  /**
   * Singpass only: a Singpass Foreign Account (SFA) holder (SINGPASS-CORPPASS-FAPI.md §4.9): the foreign
   * identity number and its two-letter country. Absent = a `standard` account (NRIC/FIN, country SG).
   */
  readonly foreignAccount?: { readonly identityNumber: string; readonly identityCoi: string };
}

/** The wire value sgID would send for `scope`: the stored value, the NRIC itself, or `NA`. */
export function readPersonaValue(persona: Persona, scope: DataScope): string {
  if (scope === 'myinfo.nric_number') return persona.nric;
  return persona.data[scope] ?? NOT_AVAILABLE;
}

/** The name to show for a persona in pages. */
export function displayName(persona: Persona): string {
  const name = persona.data['myinfo.name'];
  return name === undefined || name === NOT_AVAILABLE ? persona.nric : name;
}
