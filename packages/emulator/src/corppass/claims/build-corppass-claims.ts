/**
 * The Corppass ID token and userinfo claims (§4.9, §4.10) with Corppass's own faults:
 * - ID token: `sub` = entity id, `sub_type: "entity"`, `sub_attributes` (entity scopes), `act` (the
 *   acting user), plus the shared `aud`/`iss`/`iat`/`exp`/`nonce`/`acr`/`amr` and their faults;
 *   `missing-act` drops `act`; `double-encoded` sends `act` as a JSON string;
 * - userinfo: `auth_info` (scope `authinfo`), `tp_auth_info` (`tpauthinfo`); `double-encoded` sends them
 *   as JSON strings (real Corppass sometimes does); `authinfo-expired` ends every row yesterday.
 */
import type { JWTPayload } from 'jose';
import { EmulatorError } from '../../errors';
import type { FaultName } from '../../faults';
import type { Persona } from '../../personas/persona';
import { buildStandardIdTokenClaims } from '../../singpass/claims/build-id-token-claims';
import type { EntityDirectory } from '../personas/entity-directory';
import { buildAct } from './build-act';
import { buildAuthInfo, buildTpAuthInfo } from './build-auth-info';
import { buildEntityAttributes } from './build-entity-attributes';

export interface CorppassClaimsInput {
  issuer: string;
  clientId: string;
  persona: Persona;
  userSub: string;
  entityId: string | undefined;
  scopes: readonly string[];
  /** Seconds since the epoch. */
  now: number;
  faults: ReadonlySet<FaultName>;
}

function membershipOf(entities: EntityDirectory, input: CorppassClaimsInput) {
  const found =
    input.entityId === undefined ? undefined : entities.membership(input.entityId, input.persona.nric);
  // The code was bound to a membership the app offered; losing it is the emulator's bug.
  if (found === undefined) throw new EmulatorError('EMU_INTERNAL');
  return found;
}

function encoded(value: unknown, faults: ReadonlySet<FaultName>): unknown {
  return faults.has('double-encoded') ? JSON.stringify(value) : value;
}

export function buildCorppassIdTokenClaims(
  entities: EntityDirectory,
  input: CorppassClaimsInput & { nonce: string; acrValues: readonly string[] },
): JWTPayload {
  const { entity, user } = membershipOf(entities, input);
  const attributes = buildEntityAttributes(entity, input.scopes);
  const act = buildAct(input.userSub, input.persona, user, input.scopes);
  return {
    sub: entity.id,
    sub_type: 'entity',
    ...(attributes === undefined ? {} : { sub_attributes: attributes }),
    ...(input.faults.has('missing-act') ? {} : { act: encoded(act, input.faults) }),
    ...buildStandardIdTokenClaims({ ...input, wrongIssuer: 'https://attacker.example/corppass' }),
  };
}

/** The day before `now` (YYYY-MM-DD, UTC): an `EndDate` that has passed. */
function yesterday(now: number): string {
  return new Date((now - 86_400) * 1000).toISOString().slice(0, 10);
}

export function buildCorppassUserinfoClaims(
  entities: EntityDirectory,
  input: CorppassClaimsInput,
): Record<string, unknown> {
  const { entity, user } = membershipOf(entities, input);
  const endedOn = input.faults.has('authinfo-expired') ? yesterday(input.now) : undefined;
  return {
    ...(input.scopes.includes('authinfo')
      ? { auth_info: encoded(buildAuthInfo(entity.id, user.authorisations, endedOn), input.faults) }
      : {}),
    ...(input.scopes.includes('tpauthinfo')
      ? { tp_auth_info: encoded(buildTpAuthInfo(user.thirdParty, endedOn), input.faults) }
      : {}),
  };
}
