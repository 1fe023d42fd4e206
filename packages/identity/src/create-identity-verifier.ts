/**
 * Verifies the BFF's identity token (the BFF's proxy/identity-token.ts signs it) against the BFF's JWKS
 * with jose. Rules:
 * - keys come from `jwksUrl` through jose's `createRemoteJWKSet`: cached (5 min by default, the BFF's
 *   documented rotation window), fetched again when a token names an unknown `kid` (at most once per
 *   cooldown, so random `kid`s cannot make the API hammer the BFF);
 * - the header must name a `kid` (the BFF always does) and an algorithm in the allowlist (ES256, RS256 by
 *   default; never `none`, never HMAC — a public key is not a secret);
 * - `iss` and `aud` must be exactly the configured ones (each route has its own audience, so a token for
 *   one API is refused by another); `exp` and `iat` within a small clock tolerance (5 s);
 * - every failure is an `IdentityError` with a stable code; a JWKS the API cannot fetch or read is
 *   `IDENTITY_JWKS_UNAVAILABLE` (503), never mistaken for a bad token.
 */
import {
  createRemoteJWKSet,
  customFetch,
  decodeProtectedHeader,
  errors,
  type JWSHeaderParameters,
  jwtVerify,
} from 'jose';
import { IdentityConfigError, IdentityError } from './errors';
import type { Identity } from './identity';
import { readBearerToken } from './read-bearer-token';
import { readIdentity } from './read-identity';

/** The algorithms the BFF signs with (`PROXY_SIGNING_KEY`: EC P-256 or RSA). */
export const IDENTITY_ALGORITHMS = ['ES256', 'RS256'] as const;
export type IdentityAlgorithm = (typeof IDENTITY_ALGORITHMS)[number];

export interface IdentityVerifierOptions {
  /** The BFF's JWKS: `${PUBLIC_URL}/.well-known/jwks.json`, or wherever this API can reach it. */
  jwksUrl: string | URL;
  /** The BFF's PUBLIC_URL origin, e.g. `https://app.example.gov.sg`. */
  issuer: string;
  /** The route's audience: by default `${PUBLIC_URL}${prefix}`, e.g. `https://app.example.gov.sg/api/benefits`. */
  audience: string | readonly string[];
  /** Accepted algorithms, a subset of ES256 and RS256 (default both). */
  algorithms?: readonly IdentityAlgorithm[];
  /** Clock skew allowed on `exp` and `iat`, in seconds (default 5, at most 300). */
  clockToleranceSeconds?: number;
  /** Deadline for one JWKS fetch in ms (default 5000). */
  jwksTimeoutMs?: number;
  /** Minimum time between two fetches for an unknown `kid`, in ms (default 30 000). */
  jwksCooldownMs?: number;
  /** How long fetched keys are used before fetching again, in ms (default 300 000). */
  jwksCacheMaxAgeMs?: number;
  /** The clock for `exp`/`iat`, in ms since the epoch (default `Date.now`). */
  now?: () => number;
  /** The fetch used for the JWKS (default the global one): e.g. to add tracing or a proxy agent. */
  fetch?: typeof globalThis.fetch;
}

export interface IdentityVerifier {
  /**
   * Verify an `Authorization` header value (`Bearer eyJ…`) or a bare token. Resolves with the typed
   * identity; rejects with an `IdentityError` only.
   */
  verify(authorizationOrToken: string | null | undefined): Promise<Identity>;
}

export function createIdentityVerifier(options: IdentityVerifierOptions): IdentityVerifier {
  const checked = checkOptions(options);
  const remote = createRemoteJWKSet(checked.jwksUrl, {
    timeoutDuration: checked.jwksTimeoutMs,
    cooldownDuration: checked.jwksCooldownMs,
    cacheMaxAge: checked.jwksCacheMaxAgeMs,
    ...(options.fetch && { [customFetch]: options.fetch }),
  });
  // One boundary: whatever the JWKS lookup throws becomes ours here, so a fetch failure is never read
  // as a bad token by the mapping below.
  const getKey = async (header: JWSHeaderParameters, token: Parameters<typeof remote>[1]) => {
    try {
      return await remote(header, token);
    } catch (error) {
      if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys)
        throw new IdentityError('IDENTITY_UNKNOWN_KEY', { detail: `kid ${header.kid}`, cause: error });
      throw new IdentityError('IDENTITY_JWKS_UNAVAILABLE', { detail: checked.jwksUrl.href, cause: error });
    }
  };
  const now = options.now ?? Date.now;

  return {
    async verify(authorizationOrToken) {
      const token = readBearerToken(authorizationOrToken);
      let header: JWSHeaderParameters;
      try {
        header = decodeProtectedHeader(token);
      } catch (cause) {
        throw new IdentityError('IDENTITY_TOKEN_MALFORMED', { detail: 'header', cause });
      }
      if (typeof header.kid !== 'string' || header.kid === '')
        throw new IdentityError('IDENTITY_TOKEN_MALFORMED', { detail: 'no kid in the header' });
      const currentMs = now();
      let payload: Record<string, unknown>;
      try {
        ({ payload } = await jwtVerify(token, getKey, {
          issuer: checked.issuer,
          audience: checked.audience,
          algorithms: checked.algorithms,
          clockTolerance: checked.clockToleranceSeconds,
          requiredClaims: ['sub', 'iat', 'exp', 'jti', 'sid'],
          currentDate: new Date(currentMs),
        }));
      } catch (error) {
        throw toIdentityError(error);
      }
      // jose checks `iat` only against a maximum age; a token from the future is refused here.
      const issuedAt = payload.iat;
      if (typeof issuedAt === 'number' && issuedAt > currentMs / 1000 + checked.clockToleranceSeconds)
        throw new IdentityError('IDENTITY_TOKEN_NOT_YET_VALID', { detail: 'iat in the future' });
      return readIdentity(payload);
    },
  };
}

function toIdentityError(error: unknown): IdentityError {
  if (error instanceof IdentityError) return error;
  if (error instanceof errors.JOSEAlgNotAllowed)
    return new IdentityError('IDENTITY_ALGORITHM_NOT_ALLOWED', { cause: error });
  if (error instanceof errors.JWSSignatureVerificationFailed)
    return new IdentityError('IDENTITY_SIGNATURE_INVALID', { cause: error });
  if (error instanceof errors.JWTExpired)
    return new IdentityError('IDENTITY_TOKEN_EXPIRED', { cause: error });
  if (error instanceof errors.JWTClaimValidationFailed) {
    const detail = `${error.claim}: ${error.reason}`;
    if (error.reason === 'missing' || error.reason === 'invalid')
      return new IdentityError('IDENTITY_CLAIMS_INVALID', { detail, cause: error });
    if (error.claim === 'iss') return new IdentityError('IDENTITY_WRONG_ISSUER', { detail, cause: error });
    if (error.claim === 'aud') return new IdentityError('IDENTITY_WRONG_AUDIENCE', { detail, cause: error });
    if (error.claim === 'nbf')
      return new IdentityError('IDENTITY_TOKEN_NOT_YET_VALID', { detail, cause: error });
    return new IdentityError('IDENTITY_CLAIMS_INVALID', { detail, cause: error });
  }
  // Anything else jose refuses is the token's shape: a header or payload that is not JSON, `crit`,
  // `b64: false`, an unsupported `alg` name.
  return new IdentityError('IDENTITY_TOKEN_MALFORMED', { cause: error });
}

interface CheckedOptions {
  jwksUrl: URL;
  issuer: string;
  audience: string | string[];
  algorithms: IdentityAlgorithm[];
  clockToleranceSeconds: number;
  jwksTimeoutMs: number;
  jwksCooldownMs: number;
  jwksCacheMaxAgeMs: number;
}

/** Every problem with the options at once (a programming error, thrown at start-up, not per request). */
function checkOptions(options: IdentityVerifierOptions): CheckedOptions {
  const problems: string[] = [];
  let jwksUrl: URL | undefined;
  try {
    jwksUrl = new URL(options.jwksUrl);
    if (jwksUrl.protocol !== 'https:' && jwksUrl.protocol !== 'http:') {
      problems.push('jwksUrl must be an http(s) URL');
    }
  } catch {
    problems.push('jwksUrl must be an absolute URL');
  }
  if (typeof options.issuer !== 'string' || options.issuer === '')
    problems.push('issuer must be a non-empty string (the BFF PUBLIC_URL origin)');
  const audiences = typeof options.audience === 'string' ? [options.audience] : options.audience;
  if (
    !Array.isArray(audiences) ||
    audiences.length === 0 ||
    audiences.some((a) => typeof a !== 'string' || !a)
  )
    problems.push('audience must be a non-empty string or a non-empty list of them');
  const algorithms = [...(options.algorithms ?? IDENTITY_ALGORITHMS)];
  if (
    algorithms.length === 0 ||
    algorithms.some((a) => !(IDENTITY_ALGORITHMS as readonly string[]).includes(a))
  )
    problems.push(`algorithms must be a non-empty subset of ${IDENTITY_ALGORITHMS.join(', ')}`);
  const number = (name: string, value: number | undefined, fallback: number, max: number) => {
    if (value === undefined) return fallback;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > max)
      problems.push(`${name} must be an integer from 0 to ${max}`);
    return value;
  };
  const clockToleranceSeconds = number('clockToleranceSeconds', options.clockToleranceSeconds, 5, 300);
  const jwksTimeoutMs = number('jwksTimeoutMs', options.jwksTimeoutMs, 5000, 60_000);
  const jwksCooldownMs = number('jwksCooldownMs', options.jwksCooldownMs, 30_000, 3_600_000);
  const jwksCacheMaxAgeMs = number('jwksCacheMaxAgeMs', options.jwksCacheMaxAgeMs, 300_000, 86_400_000);
  if (problems.length > 0 || jwksUrl === undefined) throw new IdentityConfigError(problems);
  return {
    jwksUrl,
    issuer: options.issuer,
    audience: typeof options.audience === 'string' ? options.audience : [...options.audience],
    algorithms,
    clockToleranceSeconds,
    jwksTimeoutMs,
    jwksCooldownMs,
    jwksCacheMaxAgeMs,
  };
}
