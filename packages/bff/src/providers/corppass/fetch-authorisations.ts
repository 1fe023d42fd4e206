/**
 * Corppass userinfo, for the roles (SINGPASS-CORPPASS-FAPI.md §4.10, §5). Called only when `authinfo` or
 * `tpauthinfo` was asked for: the identity itself is the ID token's. Rules:
 * - every FAPI rule of `fapi/fetch-userinfo-claims.ts`: a DPoP-bound `GET` with `ath` and the login's own
 *   key, one retry on `use_dpop_nonce`; 200 `application/jwt`; a JWE (same alg/enc allowlist as the ID
 *   token; Corppass's header may be `typ: JWE` with no `cty`, which nothing here reads) of an ES256 JWS;
 *   exact `iss`, `aud`, and `sub` equal to the ID token's (`BFF_USERINFO_SUB_MISMATCH`);
 * - `auth_info` is read only when `authinfo` was asked for, `tp_auth_info` only for `tpauthinfo`
 *   (`parse-authorisations.ts`); the entity's own rows first, then the third-party ones;
 * - any malformed block fails the login (`BFF_USERINFO_INVALID`, the problem in the private detail).
 */
import type { CorppassAuthorisation } from '@sgid-bff/protocol';
import { BffServerError } from '../../errors';
import type { FetchLike } from '../fapi/call-endpoint';
import { fetchUserinfoClaims, type UserinfoRequest } from '../fapi/fetch-userinfo-claims';
import { parseAuthInfo, parseTpAuthInfo } from './parse-authorisations';
import { isProblem } from './problem';

/** The scopes that make Corppass userinfo worth calling. */
export const USERINFO_SCOPES = ['authinfo', 'tpauthinfo'] as const;

export async function fetchAuthorisations(
  fetchImpl: FetchLike,
  request: UserinfoRequest & { scopes: readonly string[] },
): Promise<CorppassAuthorisation[]> {
  const claims = await fetchUserinfoClaims(fetchImpl, request);
  const own = request.scopes.includes('authinfo') ? parseAuthInfo(claims.auth_info, request.expectedSub) : [];
  if (isProblem(own)) throw invalid(own.problem);
  const thirdParty = request.scopes.includes('tpauthinfo') ? parseTpAuthInfo(claims.tp_auth_info) : [];
  if (isProblem(thirdParty)) throw invalid(thirdParty.problem);
  return [...own, ...thirdParty];
}

function invalid(problem: string): BffServerError {
  return new BffServerError('BFF_USERINFO_INVALID', { detail: `Corppass userinfo ${problem}` });
}
