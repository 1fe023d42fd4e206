/**
 * Singpass's signing keys (SINGPASS-CORPPASS-FAPI.md §2, §6.5, §6.8). Rules:
 * - the JWKS is read from discovery's `jwks_uri`, never a hard-coded path (§9.1: the docs and GovTech's
 *   fixture disagree on it);
 * - it is cached for an hour and re-fetched once when a token names an unknown `kid` (Singpass rotates its
 *   keys), at most every 30 s so a stream of bad tokens cannot make the BFF hammer Singpass;
 * - the fetch goes through the injected `fetch` with the per-call deadline.
 * jose's remote key set does the caching and matching; its cache ages on the wall clock, which only
 * decides when a refresh happens, never whether a token is accepted.
 */
import { createRemoteJWKSet, customFetch, type JWTVerifyGetKey } from 'jose';
import type { FetchLike } from './call-endpoint';
import type { Discovery } from './discovery';

export const OP_JWKS_MAX_AGE_MS = 60 * 60 * 1000;
const UNKNOWN_KID_COOLDOWN_MS = 30_000;

export function createOpKeys(options: {
  discovery: Discovery;
  fetch: FetchLike;
  timeoutMs: number;
}): JWTVerifyGetKey {
  let current: { uri: string; keys: ReturnType<typeof createRemoteJWKSet> } | undefined;
  return async (header, token) => {
    const { jwksUri } = await options.discovery.get();
    if (current?.uri !== jwksUri)
      current = {
        uri: jwksUri,
        keys: createRemoteJWKSet(new URL(jwksUri), {
          [customFetch]: options.fetch,
          timeoutDuration: options.timeoutMs,
          cooldownDuration: UNKNOWN_KID_COOLDOWN_MS,
          cacheMaxAge: OP_JWKS_MAX_AGE_MS,
        }),
      };
    return current.keys(header, token);
  };
}
