/**
 * The ID token's `sub_attributes` (§4.9), filtered by granted scope:
 * - `user.identity` → `account_type` (`standard`, or `foreign` for an SFA holder), `identity_number`,
 *   `identity_coi` (`SG`, or the SFA holder's country);
 * - `name` → `name`; `email` → `email` if the persona has one; `mobileno` → the SG number without
 *   country code, never for an SFA holder.
 * Returns `undefined` when no such scope was granted: the claim is then absent, not `{}`.
 */
import { NOT_AVAILABLE } from '@sgid-bff/protocol';
import type { Persona } from '../../personas/persona';

function value(
  persona: Persona,
  key: 'myinfo.name' | 'myinfo.email' | 'myinfo.mobile_number',
): string | undefined {
  const raw = persona.data[key];
  return raw === undefined || raw === NOT_AVAILABLE ? undefined : raw;
}

export function buildSubAttributes(
  persona: Persona,
  scopes: readonly string[],
): Record<string, string> | undefined {
  const attributes: Record<string, string> = {};
  const foreign = persona.foreignAccount;
  if (scopes.includes('user.identity')) {
    attributes.account_type = foreign === undefined ? 'standard' : 'foreign';
    attributes.identity_number = foreign?.identityNumber ?? persona.nric;
    attributes.identity_coi = foreign?.identityCoi ?? 'SG';
  }
  const name = value(persona, 'myinfo.name');
  if (scopes.includes('name') && name !== undefined) attributes.name = name;
  const email = value(persona, 'myinfo.email');
  if (scopes.includes('email') && email !== undefined) attributes.email = email;
  const mobile = value(persona, 'myinfo.mobile_number');
  if (scopes.includes('mobileno') && mobile !== undefined && foreign === undefined)
    attributes.mobileno = mobile;
  return Object.keys(attributes).length === 0 ? undefined : attributes;
}
