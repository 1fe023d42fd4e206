/**
 * Singpass's ID token (SINGPASS-CORPPASS-FAPI.md §4.9): every FAPI check of `fapi/verify-fapi-id-token.ts`
 * (encrypted only, ES256, exact `iss`, `aud`, `exp`/`iat`, `nonce`), then Singpass's own claims:
 * `sub` (the UUID, never the NRIC), `sub_attributes` per granted scope, `acr` and `amr`.
 */
import type { SingpassUserAttributes } from '@sgid-bff/protocol';
import { BffServerError } from '../../errors';
import { type IdTokenCheck, verifyFapiIdToken } from '../fapi/verify-fapi-id-token';
import { parseUserAttributes } from './parse-user-attributes';

export { ID_TOKEN_SIGNING_ALG, type IdTokenCheck } from '../fapi/verify-fapi-id-token';

export interface VerifiedIdToken {
  sub: string;
  user: SingpassUserAttributes;
  acr?: string;
  amr?: string[];
}

export async function verifyIdToken(idToken: string, check: IdTokenCheck): Promise<VerifiedIdToken> {
  const payload = await verifyFapiIdToken(idToken, check);
  const user = parseUserAttributes(payload.sub_attributes);
  if (typeof user === 'string')
    throw new BffServerError('BFF_ID_TOKEN_INVALID', { detail: `ID token ${user}` });
  return {
    sub: payload.sub,
    user,
    ...(payload.acr !== undefined && { acr: payload.acr }),
    ...(payload.amr !== undefined && { amr: payload.amr }),
  };
}
