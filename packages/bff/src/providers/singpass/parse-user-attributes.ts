/**
 * The ID token's `sub_attributes` (SINGPASS-CORPPASS-FAPI.md §4.9) into `SingpassUserAttributes`. Rules:
 * - absent is fine (no `user.identity`/`name`/`email`/`mobileno` scope granted): no attributes;
 * - when present it must be an object whose known attributes are strings, and `account_type` is
 *   `standard` or `foreign`; anything else fails the login rather than store a half-understood identity;
 * - attributes Singpass adds later are ignored, so a new one never breaks logins.
 */
import type { SingpassUserAttributes } from '@sgid-bff/protocol';

const TEXT_ATTRIBUTES = {
  identity_number: 'identityNumber',
  identity_coi: 'identityCoi',
  name: 'name',
  email: 'email',
  mobileno: 'mobileNo',
} as const;

/** The attributes, or a reason (for the private log detail) when they are malformed. */
export function parseUserAttributes(raw: unknown): SingpassUserAttributes | string {
  if (raw === undefined) return {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return 'sub_attributes is not an object';
  const source = raw as Record<string, unknown>;
  const attributes: SingpassUserAttributes = {};
  for (const [wire, field] of Object.entries(TEXT_ATTRIBUTES)) {
    const value = source[wire];
    if (value === undefined) continue;
    if (typeof value !== 'string') return `sub_attributes.${wire} is not a string`;
    attributes[field] = value;
  }
  const accountType = source.account_type;
  if (accountType !== undefined) {
    if (accountType !== 'standard' && accountType !== 'foreign')
      return 'sub_attributes.account_type is not standard or foreign';
    attributes.accountType = accountType;
  }
  return attributes;
}
