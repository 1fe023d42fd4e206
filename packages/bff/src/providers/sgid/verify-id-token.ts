/**
 * ID token rules (SECURITY.md "Protocol checks", SGID-PROTOCOL.md §5):
 * - `alg` is RS256 only (never `none`, never HS*), checked before anything else;
 * - the key comes from the provider's JWKS by `kid` (refreshed on an unknown `kid`, at most every 30 s);
 * - `iss` is exactly `<SGID_HOSTNAME origin>/v2`, `aud` is the client id (with `azp` when several);
 * - `exp` in the future and `iat` not in the future, both with a small tolerance, against the injected clock;
 * - `nonce` equals the transaction's; `sub` is a non-empty string.
 */
import { ID_TOKEN_ALG, SGID_PATHS } from '@sgid-bff/protocol';
import {
  createRemoteJWKSet,
  customFetch,
  decodeProtectedHeader,
  errors,
  type JWTPayload,
  jwtVerify,
} from 'jose';
import { BffServerError } from '../../errors';
import type { FetchLike } from '../call-provider';

export interface IdTokenVerifierOptions {
  origin: string;
  issuer: string;
  clientId: string;
  timeoutMs: number;
  clockToleranceSeconds: number;
  fetch: FetchLike;
  clock: () => number;
}

/** Claims a login needs from a verified ID token. */
export interface VerifiedIdToken {
  sub: string;
}

/** Oldest `iat` accepted: tokens are minted at the code exchange, so anything older is suspicious. */
const MAX_TOKEN_AGE_SECONDS = 600;

export function createIdTokenVerifier(
  options: IdTokenVerifierOptions,
): (idToken: string, expectedNonce: string) => Promise<VerifiedIdToken> {
  const jwks = createRemoteJWKSet(new URL(`${options.origin}${SGID_PATHS.jwks}`), {
    [customFetch]: options.fetch,
    timeoutDuration: options.timeoutMs,
    cooldownDuration: 30_000,
    cacheMaxAge: 600_000,
  });

  return async (idToken, expectedNonce) => {
    checkAlgorithm(idToken);
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(idToken, jwks, {
        algorithms: [ID_TOKEN_ALG],
        issuer: options.issuer,
        audience: options.clientId,
        currentDate: new Date(options.clock()),
        clockTolerance: options.clockToleranceSeconds,
        maxTokenAge: MAX_TOKEN_AGE_SECONDS + options.clockToleranceSeconds,
        requiredClaims: ['iss', 'sub', 'aud', 'exp', 'iat'],
      }));
    } catch (cause) {
      throw mapJoseError(cause);
    }
    checkClaims(payload, options.clientId, expectedNonce);
    return { sub: payload.sub as string };
  };
}

function checkAlgorithm(idToken: string): void {
  let alg: unknown;
  try {
    alg = decodeProtectedHeader(idToken).alg;
  } catch (cause) {
    throw new BffServerError('BFF_ID_TOKEN_INVALID', { detail: 'ID token is not a JWS', cause });
  }
  if (alg !== ID_TOKEN_ALG)
    throw new BffServerError('BFF_ID_TOKEN_ALG_REJECTED', {
      detail: `ID token alg ${String(alg).slice(0, 20)}`,
    });
}

function checkClaims(payload: JWTPayload, clientId: string, expectedNonce: string): void {
  if (typeof payload.sub !== 'string' || payload.sub.length === 0)
    throw new BffServerError('BFF_ID_TOKEN_INVALID', { detail: 'ID token sub missing' });
  if (Array.isArray(payload.aud) && payload.aud.length > 1 && payload.azp !== clientId)
    throw new BffServerError('BFF_ID_TOKEN_INVALID', {
      detail: 'ID token has several audiences and no matching azp',
    });
  if (payload.azp !== undefined && payload.azp !== clientId)
    throw new BffServerError('BFF_ID_TOKEN_INVALID', { detail: 'ID token azp is not this client' });
  if (payload.nonce !== expectedNonce)
    throw new BffServerError('BFF_ID_TOKEN_INVALID', { detail: 'ID token nonce mismatch' });
}

/** One boundary: jose's failures become BFF codes, the jose error kept as `cause`. */
function mapJoseError(cause: unknown): BffServerError {
  if (cause instanceof BffServerError) return cause;
  if (cause instanceof errors.JWKSTimeout)
    return new BffServerError('BFF_PROVIDER_TIMEOUT', { detail: 'JWKS request timed out', cause });
  if (cause instanceof errors.JOSEAlgNotAllowed)
    return new BffServerError('BFF_ID_TOKEN_ALG_REJECTED', { detail: cause.message, cause });
  if (cause instanceof errors.JWSSignatureVerificationFailed)
    return new BffServerError('BFF_ID_TOKEN_SIGNATURE_INVALID', {
      detail: 'signature does not verify',
      cause,
    });
  if (cause instanceof errors.JWKSNoMatchingKey || cause instanceof errors.JWKSMultipleMatchingKeys)
    return new BffServerError('BFF_ID_TOKEN_SIGNATURE_INVALID', {
      detail: 'no JWKS key matches the kid',
      cause,
    });
  if (cause instanceof errors.JWTExpired)
    return new BffServerError('BFF_ID_TOKEN_INVALID', { detail: 'ID token expired', cause });
  if (cause instanceof errors.JWTClaimValidationFailed)
    return new BffServerError('BFF_ID_TOKEN_INVALID', {
      detail: `ID token claim ${cause.claim}: ${cause.reason}`,
      cause,
    });
  if (cause instanceof errors.JWSInvalid || cause instanceof errors.JWTInvalid)
    return new BffServerError('BFF_ID_TOKEN_INVALID', { detail: cause.message, cause });
  // Anything else happened while fetching the JWKS (network failure, non-200, not JSON, not a JWKS).
  const detail = `JWKS unavailable: ${cause instanceof Error ? cause.message : String(cause)}`;
  return new BffServerError('BFF_PROVIDER_UNAVAILABLE', { detail, cause });
}
