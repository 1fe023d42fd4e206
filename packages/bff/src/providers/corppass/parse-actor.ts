/**
 * The person acting for the entity, from the Corppass ID token's `act` (SINGPASS-CORPPASS-FAPI.md §4.9, §5).
 * Rules:
 * - `act` is required: a Corppass login is always a user acting for an entity, and a session without the
 *   user would be half an identity. Missing or malformed, the login fails (`BFF_ID_TOKEN_INVALID`, the
 *   problem in the private detail);
 * - it is an object, or a JSON string of one (Corppass double-encodes blocks), decoded once;
 * - `act.sub` (the user's Singpass UUID) is a required bounded string; `act.sub_attributes`, absent when no
 *   user scope was granted, holds bounded strings `account_type`, `identity_number`, `identity_coi`
 *   (`user.identity`), `name` (`user.name`), `corppass_email` (`user.corppass.email`), and
 *   `corppass_email_verified`, a boolean or the string `"true"`/`"false"`;
 * - attributes Corppass adds later are ignored.
 */
import type { CorppassActingUser } from '@sgid-bff/protocol';
import { decodeJsonBlock, isRecord } from './decode-json-block';
import { isProblem, type Problem } from './problem';
import { readText } from './read-text';

const TEXT_ATTRIBUTES = {
  account_type: 'accountType',
  identity_number: 'identityNumber',
  identity_coi: 'identityCoi',
  name: 'name',
  corppass_email: 'email',
} as const satisfies Record<string, Exclude<keyof CorppassActingUser, 'sub' | 'emailVerified'>>;

export function parseActor(rawAct: unknown): CorppassActingUser | Problem {
  if (rawAct === undefined || rawAct === null) return { problem: 'act (the acting user) is missing' };
  const act = decodeJsonBlock(rawAct, 'act');
  if (isProblem(act)) return act;
  const sub = readText(act.sub, 'act.sub');
  if (isProblem(sub)) return sub;
  const actor: CorppassActingUser = { sub };
  const attributes = act.sub_attributes;
  if (attributes === undefined) return actor;
  if (!isRecord(attributes)) return { problem: 'act.sub_attributes is not an object' };
  for (const [wire, field] of Object.entries(TEXT_ATTRIBUTES)) {
    if (attributes[wire] === undefined) continue;
    const value = readText(attributes[wire], `act.sub_attributes.${wire}`);
    if (isProblem(value)) return value;
    actor[field] = value;
  }
  const verified = readVerified(attributes.corppass_email_verified);
  if (isProblem(verified)) return verified;
  if (verified !== undefined) actor.emailVerified = verified;
  return actor;
}

function readVerified(value: unknown): boolean | undefined | Problem {
  if (value === undefined || typeof value === 'boolean') return value;
  if (value === 'true') return true;
  if (value === 'false') return false;
  return { problem: 'act.sub_attributes.corppass_email_verified is not a boolean' };
}
