/**
 * The identity verifier's error catalogue, shaped like jose's and the BFF's: one class with a stable
 * `IDENTITY_*` code from a closed list (so `switch (error.code)` is exhaustive), the HTTP status a
 * middleware answers, a message safe to return to any caller, and the lower-layer failure kept as `cause`.
 * A token problem is 401; a JWKS the API cannot fetch or read is 503 — the caller did nothing wrong, and a
 * retry may succeed. The package README lists every code; a test keeps it in step with this catalogue.
 */

export const IDENTITY_ERRORS = {
  IDENTITY_TOKEN_MISSING: { status: 401, message: 'The request carries no identity token.' },
  IDENTITY_TOKEN_MALFORMED: { status: 401, message: 'The identity token is malformed.' },
  IDENTITY_ALGORITHM_NOT_ALLOWED: {
    status: 401,
    message: 'The identity token is signed with an algorithm this API does not accept.',
  },
  IDENTITY_UNKNOWN_KEY: {
    status: 401,
    message: 'The identity token names a signing key the BFF does not publish.',
  },
  IDENTITY_SIGNATURE_INVALID: { status: 401, message: 'The identity token signature does not verify.' },
  IDENTITY_TOKEN_EXPIRED: { status: 401, message: 'The identity token has expired.' },
  IDENTITY_TOKEN_NOT_YET_VALID: { status: 401, message: 'The identity token is not valid yet.' },
  IDENTITY_WRONG_ISSUER: { status: 401, message: 'The identity token was issued by another BFF.' },
  IDENTITY_WRONG_AUDIENCE: { status: 401, message: 'The identity token is meant for another API.' },
  IDENTITY_CLAIMS_INVALID: {
    status: 401,
    message: 'The identity token lacks a required claim or carries one of the wrong shape.',
  },
  IDENTITY_JWKS_UNAVAILABLE: {
    status: 503,
    message: "The BFF's signing keys could not be fetched; try again shortly.",
  },
} as const satisfies Record<string, { status: number; message: string }>;

export type IdentityErrorCode = keyof typeof IDENTITY_ERRORS;

/** Every code, in catalogue order. */
export const IDENTITY_ERROR_CODES = Object.keys(IDENTITY_ERRORS) as IdentityErrorCode[];

export class IdentityError extends Error {
  override readonly name = 'IdentityError';
  readonly code: IdentityErrorCode;
  /** 401 for a token problem, 503 when the JWKS is unavailable. */
  readonly status: number;
  /** Private detail for logs (which claim, which `kid`); never part of `message`. */
  readonly detail: string | undefined;

  constructor(code: IdentityErrorCode, options: { detail?: string; cause?: unknown } = {}) {
    super(IDENTITY_ERRORS[code].message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.status = IDENTITY_ERRORS[code].status;
    this.detail = options.detail;
  }
}

export function isIdentityError(error: unknown): error is IdentityError {
  return error instanceof IdentityError;
}

/** A programming error in the verifier's options (not a request failure): thrown at creation, listing all. */
export class IdentityConfigError extends Error {
  override readonly name = 'IdentityConfigError';
  readonly code = 'IDENTITY_CONFIG_INVALID';
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(`@sgid-bff/identity: invalid options:\n- ${problems.join('\n- ')}`);
    this.problems = problems;
  }
}

/**
 * What an HTTP answer to a failure carries (RFC 6750 §3): a missing token gets a bare `Bearer` challenge
 * (§3.1: no error code when the request has no credentials), a bad one `error="invalid_token"`, and an
 * unavailable JWKS a 503 with no challenge, as the token may well be good.
 */
export function describeFailure(error: IdentityError): {
  status: number;
  headers: Record<string, string>;
  body: { code: IdentityErrorCode; message: string };
} {
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
  if (error.code === 'IDENTITY_TOKEN_MISSING') headers['www-authenticate'] = 'Bearer';
  else if (error.status === 401)
    headers['www-authenticate'] = `Bearer error="invalid_token", error_description="${error.message}"`;
  else headers['retry-after'] = '5';
  return { status: error.status, headers, body: { code: error.code, message: error.message } };
}
