/**
 * The entity a Corppass user logged in for, from the ID token's `sub` and `sub_attributes`
 * (SINGPASS-CORPPASS-FAPI.md §4.9, §5). Rules:
 * - `sub` is the entity's id (UEN, or a Corppass id for a non-UEN entity); it is required;
 * - `sub_attributes` is absent when no entity scope was granted; when present it is an object (or, as
 *   Corppass double-encodes blocks, a JSON string of one, decoded once) whose known attributes are bounded
 *   strings: `entity_type`, `entity_reg_number`, `entity_coi` (`entity.identity`), `entity_name`,
 *   `entity_uen_status` (`entity.basic_profile.*`);
 * - attributes Corppass adds later are ignored, so a new one never breaks logins.
 */
import type { CorppassEntity } from '@sgid-bff/protocol';
import { decodeJsonBlock } from './decode-json-block';
import { isProblem, type Problem } from './problem';
import { readText } from './read-text';

const ENTITY_ATTRIBUTES = {
  entity_type: 'type',
  entity_reg_number: 'registrationNumber',
  entity_coi: 'countryOfIncorporation',
  entity_name: 'name',
  entity_uen_status: 'uenStatus',
} as const satisfies Record<string, Exclude<keyof CorppassEntity, 'id'>>;

export function parseEntity(sub: unknown, rawAttributes: unknown): CorppassEntity | Problem {
  const id = readText(sub, 'sub');
  if (isProblem(id)) return id;
  const entity: CorppassEntity = { id };
  if (rawAttributes === undefined) return entity;
  const attributes = decodeJsonBlock(rawAttributes, 'sub_attributes');
  if (isProblem(attributes)) return attributes;
  for (const [wire, field] of Object.entries(ENTITY_ATTRIBUTES)) {
    if (attributes[wire] === undefined) continue;
    const value = readText(attributes[wire], `sub_attributes.${wire}`);
    if (isProblem(value)) return value;
    entity[field] = value;
  }
  return entity;
}
