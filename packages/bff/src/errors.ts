/**
 * The BFF's error catalogue: every failure the BFF answers has a stable `BFF_*` code, an HTTP status and a
 * message that is safe to show to anyone. Private detail (which claim failed, the provider's answer) goes in
 * `detail` and `cause`, which reach the log only. The codes themselves come from `@sgid-bff/protocol`
 * (`BFF_ERROR_CODES`), which the client SDK and the SPA are typed from too: this catalogue must describe
 * exactly those codes, or it does not type-check. `docs/errors.md` lists the same codes; a test keeps both
 * in step.
 */
import type { BffErrorCode } from '@sgid-bff/protocol';

export type { BffErrorCode } from '@sgid-bff/protocol';

interface ErrorDefinition {
  status: number;
  /** Safe to show to the user and to return to any caller. */
  message: string;
  /** A short heading for the friendly HTML page. */
  title: string;
}

const CONFIRM_FAILED =
  'We could not confirm your login with Singpass, so for your safety you are not logged in. Please try again.';
const DETAILS_FAILED =
  'We could not read the details Singpass sent, so you are not logged in. Please try again.';

/** Every code the BFF can answer, with its status and public message. */
export const BFF_ERRORS = {
  BFF_BAD_REQUEST: { status: 400, title: 'Bad request', message: 'The request is malformed.' },
  BFF_COOKIE_MALFORMED: {
    status: 400,
    title: 'Bad request',
    message: 'A cookie sent with the request is malformed; it has been cleared.',
  },
  BFF_CSRF_HEADER_MISSING: {
    status: 403,
    title: 'Forbidden',
    message: 'This endpoint requires the X-CSRF: 1 header.',
  },
  BFF_CROSS_SITE_REQUEST: {
    status: 403,
    title: 'Forbidden',
    message: 'Cross-site requests to this endpoint are not allowed.',
  },
  BFF_UNAUTHENTICATED: { status: 401, title: 'Not logged in', message: 'You are not logged in.' },
  BFF_ROLE_REQUIRED: {
    status: 403,
    title: 'Not authorised',
    message: 'Your Corppass authorisations do not include a role this service needs.',
  },
  BFF_NOT_FOUND: { status: 404, title: 'Not found', message: 'There is nothing at this address.' },
  BFF_PAYLOAD_TOO_LARGE: { status: 413, title: 'Too large', message: 'The request body is too large.' },
  BFF_UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    title: 'Unsupported content type',
    message: 'The request body has an unsupported content type.',
  },
  BFF_RATE_LIMITED: {
    status: 429,
    title: 'Too many attempts',
    message: 'Too many login attempts from your network. Wait a minute and try again.',
  },
  BFF_CALLBACK_INVALID: {
    status: 400,
    title: 'Login could not be completed',
    message: 'The login response is incomplete. Please start the login again.',
  },
  BFF_LOGIN_EXPIRED: {
    status: 400,
    title: 'Your login expired',
    message: 'This login has expired or was already used. Please start the login again.',
  },
  BFF_PROVIDER_UNKNOWN: {
    status: 400,
    title: 'Unknown login provider',
    message: 'This service does not offer that way of logging in.',
  },
  BFF_PROVIDER_MISMATCH: {
    status: 400,
    title: 'Login could not be completed',
    message:
      'The login response came back from a different provider than the login was started with. Please start the login again.',
  },
  BFF_TRANSACTION_BINDING_MISMATCH: {
    status: 400,
    title: 'Login started elsewhere',
    message: 'This login was started in another browser or its cookie is missing. Please start again here.',
  },
  BFF_LOGIN_DECLINED: {
    status: 403,
    title: 'Login cancelled',
    message: 'You chose not to share your details, so you are not logged in. Nothing was shared.',
  },
  BFF_LOGIN_TIMED_OUT: {
    status: 403,
    title: 'The QR code expired',
    message: 'The QR code expired before the login was approved, so you are not logged in. Please try again.',
  },
  BFF_LOGIN_CANCELLED: {
    status: 403,
    title: 'Login cancelled',
    message: 'The login was cancelled before it finished, so you are not logged in.',
  },
  BFF_PROVIDER_ERROR: {
    status: 502,
    title: 'Singpass could not log you in',
    message: 'Singpass could not complete your login. Please try again.',
  },
  BFF_PROVIDER_TIMEOUT: {
    status: 504,
    title: 'Singpass is not responding',
    message: 'Singpass took too long to answer. Please try again in a moment.',
  },
  BFF_PROVIDER_UNAVAILABLE: {
    status: 502,
    title: 'Singpass is unreachable',
    message: 'We could not reach Singpass to log you in. Please try again in a moment.',
  },
  // The login-verification failures: the log has the technical detail; the person gets plain words.
  BFF_ID_TOKEN_ALG_REJECTED: {
    status: 502,
    title: 'We could not confirm your login',
    message: CONFIRM_FAILED,
  },
  BFF_ID_TOKEN_SIGNATURE_INVALID: {
    status: 502,
    title: 'We could not confirm your login',
    message: CONFIRM_FAILED,
  },
  BFF_ID_TOKEN_INVALID: {
    status: 502,
    title: 'We could not confirm your login',
    message: CONFIRM_FAILED,
  },
  BFF_ID_TOKEN_NOT_ENCRYPTED: {
    status: 502,
    title: 'We could not confirm your login',
    message: CONFIRM_FAILED,
  },
  BFF_ID_TOKEN_DECRYPT_FAILED: {
    status: 502,
    title: 'We could not confirm your login',
    message: CONFIRM_FAILED,
  },
  BFF_USERINFO_SUB_MISMATCH: {
    status: 502,
    title: 'We could not confirm your login',
    message: CONFIRM_FAILED,
  },
  BFF_JWE_ALG_REJECTED: {
    status: 502,
    title: 'We could not confirm your login',
    message: CONFIRM_FAILED,
  },
  BFF_USERINFO_DECRYPT_FAILED: {
    status: 502,
    title: 'We could not read your details',
    message: DETAILS_FAILED,
  },
  BFF_USERINFO_INVALID: {
    status: 502,
    title: 'We could not read your details',
    message: DETAILS_FAILED,
  },
  BFF_METHOD_NOT_ALLOWED: {
    status: 405,
    title: 'Not allowed',
    message: 'This API does not accept that method.',
  },
  BFF_UPSTREAM_UNAVAILABLE: {
    status: 502,
    title: 'Service unavailable',
    message: 'The service behind this API could not be reached. Please try again shortly.',
  },
  BFF_UPSTREAM_TIMEOUT: {
    status: 504,
    title: 'Service not responding',
    message: 'The service behind this API took too long to answer. Please try again shortly.',
  },
  BFF_OPERATOR_UNAUTHORIZED: {
    status: 401,
    title: 'Not authorised',
    message: 'This operations endpoint needs a valid bearer token.',
  },
  BFF_STORE_UNAVAILABLE: {
    status: 503,
    title: 'Temporarily unavailable',
    message: 'The session store is unavailable. Please try again shortly.',
  },
  BFF_UNSAFE_PATH: {
    status: 400,
    title: 'Bad request',
    message: 'The request path is not allowed (dot-segments and ";" parameters are refused).',
  },
  BFF_BODY_NOT_ALLOWED: {
    status: 400,
    title: 'Bad request',
    message: 'GET and HEAD requests may not have a body.',
  },
  BFF_TOO_MANY_CONCURRENT: {
    status: 429,
    title: 'Too many requests',
    message: 'Too many API requests from this session are in progress. Wait for some to finish.',
  },
  BFF_REQUEST_BODY_TIMEOUT: {
    status: 408,
    title: 'Request too slow',
    message: 'The request body arrived too slowly.',
  },
  BFF_INTERNAL: {
    status: 500,
    title: 'Something went wrong',
    message: 'An unexpected error occurred. Quote the request id when reporting it.',
  },
  BFF_REQUEST_TIMEOUT: {
    status: 408,
    title: 'Request timed out',
    message: 'The request did not arrive in time. Please try again.',
  },
  BFF_HEADERS_TOO_LARGE: {
    status: 431,
    title: 'Bad request',
    message: 'The request headers are too large.',
  },
  BFF_DUPLICATE_HOST: {
    status: 400,
    title: 'Bad request',
    message: 'The request has more than one Host header.',
  },
  BFF_LOGIN_NOT_NAVIGATION: {
    status: 403,
    title: 'Open the login page directly',
    message: 'A login starts only when you open the login page itself, not from an image, frame or script.',
  },
  BFF_CALLBACK_NOT_NAVIGATION: {
    status: 403,
    title: 'Login could not be completed',
    message: 'The login response must arrive as a page you open, not from an image, frame or script.',
  },
  BFF_BODY_ALREADY_READ: {
    status: 500,
    title: 'Server misconfigured',
    message: 'The server read this request before the login service could; it cannot be handled.',
  },
} as const satisfies Record<BffErrorCode, ErrorDefinition>;

// `satisfies` above refuses a missing code and an extra literal key; this refuses an extra key however
// the object was built (a spread, a computed key), so the catalogue and the protocol's list stay one.
type Exactly<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const catalogueCoversExactlyTheProtocolCodes: Exactly<keyof typeof BFF_ERRORS, BffErrorCode> = true;
void catalogueCoversExactlyTheProtocolCodes;

/** Every error the BFF raises on purpose. `detail` is private (logged, never answered). */
export class BffServerError extends Error {
  readonly code: BffErrorCode;
  readonly status: number;
  readonly detail: string | undefined;

  constructor(code: BffErrorCode, options: { detail?: string; cause?: unknown } = {}) {
    super(BFF_ERRORS[code].message, { cause: options.cause });
    this.name = 'BffServerError';
    this.code = code;
    this.status = BFF_ERRORS[code].status;
    this.detail = options.detail;
  }
}

/** `429 BFF_RATE_LIMITED` with the seconds until the window resets, for `Retry-After`. */
export class RateLimitedError extends BffServerError {
  readonly retryAfterSeconds: number;
  constructor(retryAfterSeconds: number, detail: string) {
    super('BFF_RATE_LIMITED', { detail });
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export function isBffServerError(value: unknown): value is BffServerError {
  return value instanceof BffServerError;
}

/** The catalogue entry for a code. */
export function describeError(code: BffErrorCode): ErrorDefinition {
  return BFF_ERRORS[code];
}
