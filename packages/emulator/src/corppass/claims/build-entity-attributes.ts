/**
 * The Corppass ID token's root `sub_attributes` (§4.9, §5), filtered by granted scope:
 * - `entity.identity` → `entity_type`, `entity_reg_number`, `entity_coi`;
 * - `entity.basic_profile.entity_name` → `entity_name`;
 * - `entity.basic_profile.uen_status` → `entity_uen_status` (never for a non-UEN entity: it has none).
 * Returns `undefined` when no such scope was granted: the claim is then absent, not `{}`.
 */
import type { CorppassEntityPersona } from '../personas/corppass-entity';

export function buildEntityAttributes(
  entity: CorppassEntityPersona,
  scopes: readonly string[],
): Record<string, string> | undefined {
  const attributes: Record<string, string> = {};
  if (scopes.includes('entity.identity')) {
    attributes.entity_type = entity.type;
    attributes.entity_reg_number = entity.registrationNumber;
    attributes.entity_coi = entity.coi;
  }
  if (scopes.includes('entity.basic_profile.entity_name')) attributes.entity_name = entity.name;
  if (scopes.includes('entity.basic_profile.uen_status') && entity.uenStatus !== undefined)
    attributes.entity_uen_status = entity.uenStatus;
  return Object.keys(attributes).length === 0 ? undefined : attributes;
}
