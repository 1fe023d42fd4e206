/**
 * Who can log in: the built-in personas, then the configured ones (a configured NRIC replaces a built-in
 * one), and on demand a generated persona for any other valid NRIC/FIN.
 */
import { isValidNric } from '@sgid-bff/protocol';
import { BUILT_IN_PERSONAS } from './built-in-personas';
import { generatePersona } from './generate-persona';
import type { Persona } from './persona';

export interface PersonaDirectory {
  /** The listed personas, in picker order. */
  readonly listed: readonly Persona[];
  /** The persona for a valid NRIC/FIN (listed or generated); `undefined` for an invalid number. */
  find(nric: string): Persona | undefined;
}

export function createPersonaDirectory(configured: readonly Persona[]): PersonaDirectory {
  const byNric = new Map<string, Persona>();
  for (const persona of BUILT_IN_PERSONAS) byNric.set(persona.nric, persona);
  for (const persona of configured) byNric.set(persona.nric, persona);
  const listed = Object.freeze([...byNric.values()]);
  return {
    listed,
    find(nric) {
      const known = byNric.get(nric);
      if (known !== undefined) return known;
      return isValidNric(nric) ? generatePersona(nric) : undefined;
    },
  };
}
