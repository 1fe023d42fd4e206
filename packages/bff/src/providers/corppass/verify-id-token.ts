/**
 * Corppass's ID token (SINGPASS-CORPPASS-FAPI.md §4.9): every FAPI check of `fapi/verify-fapi-id-token.ts`
 * (encrypted only, ECDH-ES+A*KW with A256CBC-HS512 or A256GCM, by `kid`; ES256; exact `iss`; `aud`;
 * `exp`/`iat`; `nonce`), then Corppass's own claims:
 * - the entity from `sub` and `sub_attributes` (`parse-entity.ts`);
 * - the acting user from `act` (`parse-actor.ts`), required;
 * - `acr` and `amr` as the FAPI check typed them.
 * A malformed or missing Corppass claim is `BFF_ID_TOKEN_INVALID`, like any other claim failure: the user
 * sees the same message and the operator the same action (a provider problem; the detail names the claim).
 */
import type { CorppassActingUser, CorppassEntity } from '@sgid-bff/protocol';
import { BffServerError } from '../../errors';
import { type IdTokenCheck, verifyFapiIdToken } from '../fapi/verify-fapi-id-token';
import { parseActor } from './parse-actor';
import { parseEntity } from './parse-entity';
import { isProblem } from './problem';

export interface VerifiedCorppassIdToken {
  /** The entity's id, as `sub`. */
  sub: string;
  entity: CorppassEntity;
  actor: CorppassActingUser;
  acr?: string;
  amr?: string[];
}

export async function verifyCorppassIdToken(
  idToken: string,
  check: IdTokenCheck,
): Promise<VerifiedCorppassIdToken> {
  const payload = await verifyFapiIdToken(idToken, check);
  const entity = parseEntity(payload.sub, payload.sub_attributes);
  if (isProblem(entity))
    throw new BffServerError('BFF_ID_TOKEN_INVALID', { detail: `Corppass ID token ${entity.problem}` });
  const actor = parseActor(payload.act);
  if (isProblem(actor))
    throw new BffServerError('BFF_ID_TOKEN_INVALID', { detail: `Corppass ID token ${actor.problem}` });
  return {
    sub: payload.sub,
    entity,
    actor,
    ...(payload.acr !== undefined && { acr: payload.acr }),
    ...(payload.amr !== undefined && { amr: payload.amr }),
  };
}
