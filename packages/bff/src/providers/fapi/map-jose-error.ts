/**
 * One boundary for signature checks: a jose failure becomes a stable `BFF_*` code with the jose error as
 * `cause` and a short private `detail`; nothing of it reaches the user. A failure while fetching the
 * Singpass JWKS is the provider's availability, not the token's fault.
 */
import { errors } from 'jose';
import { type BffErrorCode, BffServerError } from '../../errors';

export interface JoseErrorCodes {
  alg: BffErrorCode;
  signature: BffErrorCode;
  claims: BffErrorCode;
}

export function mapJoseError(cause: unknown, what: string, codes: JoseErrorCodes): BffServerError {
  if (cause instanceof BffServerError) return cause;
  if (cause instanceof errors.JWKSTimeout)
    return new BffServerError('BFF_PROVIDER_TIMEOUT', { detail: 'FAPI JWKS request timed out', cause });
  if (cause instanceof errors.JOSEAlgNotAllowed)
    return new BffServerError(codes.alg, { detail: `${what}: ${cause.message}`, cause });
  if (
    cause instanceof errors.JWSSignatureVerificationFailed ||
    cause instanceof errors.JWKSNoMatchingKey ||
    cause instanceof errors.JWKSMultipleMatchingKeys
  )
    return new BffServerError(codes.signature, { detail: `${what}: ${cause.message}`, cause });
  if (cause instanceof errors.JWTExpired)
    return new BffServerError(codes.claims, { detail: `${what} expired`, cause });
  if (cause instanceof errors.JWTClaimValidationFailed)
    return new BffServerError(codes.claims, {
      detail: `${what} claim ${cause.claim}: ${cause.reason}`,
      cause,
    });
  // jose's bare JOSEError (a non-200 JWKS answer) and JWKSInvalid are about fetching the key set.
  if (cause instanceof errors.JOSEError && !isKeySetFailure(cause))
    return new BffServerError(codes.claims, { detail: `${what}: ${cause.message}`, cause });
  const detail = `FAPI JWKS unavailable: ${cause instanceof Error ? cause.message : String(cause)}`;
  return new BffServerError('BFF_PROVIDER_UNAVAILABLE', { detail, cause });
}

function isKeySetFailure(cause: InstanceType<typeof errors.JOSEError>): boolean {
  return cause.code === 'ERR_JOSE_GENERIC' || cause instanceof errors.JWKSInvalid;
}
