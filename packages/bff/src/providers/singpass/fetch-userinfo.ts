/**
 * Myinfo userinfo (SINGPASS-CORPPASS-FAPI.md §4.10, §6.5). Login apps never call it: their identity is
 * the ID token's. Every FAPI rule of `fapi/fetch-userinfo-claims.ts` (DPoP-bound GET with `ath`, JWE of an
 * ES256 JWS, exact `iss`, `aud`, `sub` equal to the ID token's), then `person_info` parsed by
 * `parseMyinfoPerson`; any problem fails the login (`BFF_USERINFO_INVALID`).
 */
import { type MyinfoPerson, parseMyinfoPerson } from '@sgid-bff/protocol';
import { BffServerError } from '../../errors';
import type { FetchLike } from '../fapi/call-endpoint';
import { fetchUserinfoClaims, type UserinfoRequest } from '../fapi/fetch-userinfo-claims';

export type { UserinfoRequest } from '../fapi/fetch-userinfo-claims';

export async function fetchUserinfo(fetchImpl: FetchLike, request: UserinfoRequest): Promise<MyinfoPerson> {
  const claims = await fetchUserinfoClaims(fetchImpl, request);
  const { person, problems } = parseMyinfoPerson(claims.person_info);
  if (problems.length > 0)
    throw new BffServerError('BFF_USERINFO_INVALID', {
      detail: `person_info: ${problems
        .map((p) => `${p.item}: ${p.reason}`)
        .join('; ')
        .slice(0, 300)}`,
    });
  return person;
}
