/**
 * Corppass's ID-token claims (SINGPASS-CORPPASS-FAPI.md §4.9, §5): `sub` is the **entity** (UEN or a
 * Corppass id), `sub_attributes` describe it per granted scope, and `act` is the **person acting** for
 * it (their Singpass UUID in `act.sub`, their attributes per scope). Rules:
 * - `act` is required: a Corppass login is always someone acting for an entity; without it the login fails
 *   (`BFF_ID_TOKEN_INVALID`) rather than store a session with no person in it;
 * - `act` may arrive as a JSON string (decode-block.ts);
 * - known attributes must be strings (`corppass_email_verified`: a boolean or "true"/"false"); unknown ones
 *   are ignored so a new attribute never breaks logins.
 */
import type { CorppassActingUser, CorppassEntity } from '@sgid-bff/protocol';
import { decodeBlock } from './decode-block';

const ENTITY_TEXT = {
  entity_type: 'type',
  entity_reg_number: 'registrationNumber',
  entity_coi: 'countryOfIncorporation',
  entity_name: 'name',
  entity_uen_status: 'uenStatus',
} as const;

const ACTOR_TEXT = {
  account_type: 'accountType',
  identity_number: 'identityNumber',
  identity_coi: 'identityCoi',
  name: 'name',
  corppass_email: 'email',
} as const;

function readText<K extends string>(
  source: Record<string, unknown>,
  names: Record<string, K>,
  where: string,
): Partial<Record<K, string>> | string {
  const out: Partial<Record<K, string>> = {};
  for (const [wire, field] of Object.entries(names) as Array<[string, K]>) {
    const value = source[wire];
    if (value === undefined) continue;
    if (typeof value !== 'string') return `${where}.${wire} is not a string`;
    out[field] = value;
  }
  return out;
}

function readAttributes(raw: unknown, where: string): Record<string, unknown> | string {
  if (raw === undefined) return {};
  return decodeBlock(raw, where);
}

/** The entity from `sub` and `sub_attributes`, or a reason. */
export function parseEntity(sub: string, subAttributes: unknown): CorppassEntity | string {
  const attributes = readAttributes(subAttributes, 'sub_attributes');
  if (typeof attributes === 'string') return attributes;
  const text = readText(attributes, ENTITY_TEXT, 'sub_attributes');
  if (typeof text === 'string') return text;
  return { id: sub, ...text };
}

/** The acting user from `act`, or a reason. */
export function parseActor(act: unknown): CorppassActingUser | string {
  if (act === undefined) return 'act is missing: no person acting for the entity';
  const block = decodeBlock(act, 'act');
  if (typeof block === 'string') return block;
  if (typeof block.sub !== 'string' || block.sub.length === 0) return 'act.sub is missing';
  const attributes = readAttributes(block.sub_attributes, 'act.sub_attributes');
  if (typeof attributes === 'string') return attributes;
  const text = readText(attributes, ACTOR_TEXT, 'act.sub_attributes');
  if (typeof text === 'string') return text;
  const actor: CorppassActingUser = { sub: block.sub, ...text };
  const verified = attributes.corppass_email_verified;
  if (verified === true || verified === 'true') actor.emailVerified = true;
  else if (verified === false || verified === 'false') actor.emailVerified = false;
  else if (verified !== undefined) return 'act.sub_attributes.corppass_email_verified is not a boolean';
  return actor;
}
