/**
 * The Corppass ID token's `act`, the acting user (§4.9, §5): `sub` = the user's Singpass UUID at this
 * client, `sub_type: "user"`, and `sub_attributes` filtered by scope:
 * - `user.identity` → `account_type` (`standard`/`foreign`), `identity_number`, `identity_coi`;
 * - `user.name` → `name`;
 * - `user.corppass.email` → `corppass_email`, `corppass_email_verified` (boolean).
 * `sub_attributes` is absent when no user scope was granted.
 */
import { NOT_AVAILABLE } from '@sgid-bff/protocol';
import type { Persona } from '../../personas/persona';
import type { EntityUser } from '../personas/corppass-entity';

export interface ActClaim {
  sub: string;
  sub_type: 'user';
  sub_attributes?: Record<string, string | boolean>;
}

export function buildAct(
  userSub: string,
  persona: Persona,
  user: EntityUser,
  scopes: readonly string[],
): ActClaim {
  const attributes: Record<string, string | boolean> = {};
  const foreign = persona.foreignAccount;
  if (scopes.includes('user.identity')) {
    attributes.account_type = foreign === undefined ? 'standard' : 'foreign';
    attributes.identity_number = foreign?.identityNumber ?? persona.nric;
    attributes.identity_coi = foreign?.identityCoi ?? 'SG';
  }
  const name = persona.data['myinfo.name'];
  if (scopes.includes('user.name') && name !== undefined && name !== NOT_AVAILABLE) attributes.name = name;
  if (scopes.includes('user.corppass.email')) {
    attributes.corppass_email = user.email;
    attributes.corppass_email_verified = user.emailVerified;
  }
  return {
    sub: userSub,
    sub_type: 'user',
    ...(Object.keys(attributes).length === 0 ? {} : { sub_attributes: attributes }),
  };
}
