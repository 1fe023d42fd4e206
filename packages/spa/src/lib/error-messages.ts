/**
 * What the SPA tells a person for each error code: every code the BFF sends (`BFF_ERROR_CODES` in
 * `@sgid-bff/protocol`) and every code the SDK raises (`CLIENT_*`). The table is typed over exactly those
 * codes, so a new BFF code cannot be forgotten and a code the BFF never sends cannot be listed. Written
 * for citizens: what happened, and what to do next. Unknown codes (a newer BFF's, a provider's raw
 * `access_denied`) get the generic message.
 */
import type { KnownErrorCode } from '@sgid-bff/client';

/** How "Try again" recovers: start a new login, or read the session again. */
export type RecoveryAction = 'login' | 'reload';

export interface ErrorMessage {
  title: string;
  body: string;
  action: RecoveryAction;
}

const DECLINED: ErrorMessage = {
  title: 'Login was cancelled',
  body: 'You chose not to share your details, so you are not logged in. Nothing was shared with this service. You can log in again whenever you are ready.',
  action: 'login',
};

const TIMED_OUT: ErrorMessage = {
  title: 'The QR code expired',
  body: 'The QR code expired before the login was approved in the Singpass app, so you are not logged in. Nothing was shared. Select "Try again" for a new QR code.',
  action: 'login',
};

const CANCELLED: ErrorMessage = {
  title: 'Login was cancelled',
  body: 'The login was cancelled before it finished, so you are not logged in. Nothing was shared. You can log in again whenever you are ready.',
  action: 'login',
};

const INCOMPLETE: ErrorMessage = {
  title: 'Your login did not complete',
  body: 'The login took too long, was already used, or was started in another browser. Please start again from this page.',
  action: 'login',
};

const PROVIDER: ErrorMessage = {
  title: 'Singpass is not available right now',
  body: 'We could not complete your login with Singpass. Please try again in a few minutes.',
  action: 'login',
};

const UNVERIFIED: ErrorMessage = {
  title: 'We couldn’t confirm your login',
  body: 'We couldn’t confirm your login with Singpass, so for your safety you are not logged in. Please try again. If this keeps happening, contact us and quote the error code below.',
  action: 'login',
};

const UNREADABLE: ErrorMessage = {
  title: 'We couldn’t read your details',
  body: 'Singpass confirmed your login, but we couldn’t read the details it sent, so you are not logged in. Please try again. If this keeps happening, contact us and quote the error code below.',
  action: 'login',
};

/** The generic message, with the caller's way to recover: for codes a person can do nothing specific about. */
const GENERIC = 'generic';

/** The message for every known code; `generic` for "Something went wrong" with the caller's recovery. */
export type ErrorMessageTable = Readonly<Record<KnownErrorCode, ErrorMessage | typeof GENERIC>>;

const MESSAGES: ErrorMessageTable = {
  BFF_LOGIN_DECLINED: DECLINED,
  BFF_LOGIN_TIMED_OUT: TIMED_OUT,
  BFF_LOGIN_CANCELLED: CANCELLED,
  BFF_LOGIN_EXPIRED: INCOMPLETE,
  BFF_CALLBACK_INVALID: INCOMPLETE,
  BFF_TRANSACTION_BINDING_MISMATCH: INCOMPLETE,
  BFF_PROVIDER_MISMATCH: INCOMPLETE,
  BFF_PROVIDER_UNKNOWN: GENERIC,
  BFF_PROVIDER_ERROR: PROVIDER,
  BFF_PROVIDER_TIMEOUT: PROVIDER,
  BFF_PROVIDER_UNAVAILABLE: PROVIDER,
  BFF_ID_TOKEN_ALG_REJECTED: UNVERIFIED,
  BFF_ID_TOKEN_SIGNATURE_INVALID: UNVERIFIED,
  BFF_ID_TOKEN_INVALID: UNVERIFIED,
  BFF_ID_TOKEN_NOT_ENCRYPTED: UNVERIFIED,
  BFF_ID_TOKEN_DECRYPT_FAILED: UNVERIFIED,
  BFF_USERINFO_SUB_MISMATCH: UNVERIFIED,
  BFF_JWE_ALG_REJECTED: UNVERIFIED,
  BFF_USERINFO_DECRYPT_FAILED: UNREADABLE,
  BFF_USERINFO_INVALID: UNREADABLE,
  BFF_RATE_LIMITED: {
    title: 'Too many attempts',
    body: 'There have been too many login attempts from your network. Please wait a minute and try again.',
    action: 'login',
  },
  BFF_STORE_UNAVAILABLE: {
    title: 'Service temporarily unavailable',
    body: 'This service is having a problem. Please try again in a few minutes.',
    action: 'reload',
  },
  BFF_COOKIE_MALFORMED: {
    title: 'Please try again',
    body: 'Your browser sent a damaged login cookie, which has now been cleared. Select "Try again" to continue.',
    action: 'reload',
  },
  CLIENT_NETWORK_ERROR: {
    title: 'You appear to be offline',
    body: 'We could not reach this service. Check your internet connection and try again.',
    action: 'reload',
  },
  // Requests the SPA itself gets wrong, or failures a person can only retry: the generic message.
  BFF_BAD_REQUEST: GENERIC,
  BFF_CSRF_HEADER_MISSING: GENERIC,
  BFF_CROSS_SITE_REQUEST: GENERIC,
  BFF_UNAUTHENTICATED: GENERIC,
  BFF_ROLE_REQUIRED: GENERIC,
  BFF_NOT_FOUND: GENERIC,
  BFF_PAYLOAD_TOO_LARGE: GENERIC,
  BFF_UNSUPPORTED_MEDIA_TYPE: GENERIC,
  BFF_METHOD_NOT_ALLOWED: GENERIC,
  BFF_UPSTREAM_UNAVAILABLE: GENERIC,
  BFF_UPSTREAM_TIMEOUT: GENERIC,
  BFF_OPERATOR_UNAUTHORIZED: GENERIC,
  BFF_UNSAFE_PATH: GENERIC,
  BFF_BODY_NOT_ALLOWED: GENERIC,
  BFF_TOO_MANY_CONCURRENT: GENERIC,
  BFF_REQUEST_BODY_TIMEOUT: GENERIC,
  BFF_INTERNAL: GENERIC,
  BFF_REQUEST_TIMEOUT: GENERIC,
  BFF_HEADERS_TOO_LARGE: GENERIC,
  BFF_DUPLICATE_HOST: GENERIC,
  BFF_BODY_ALREADY_READ: GENERIC,
  BFF_LOGIN_NOT_NAVIGATION: GENERIC,
  BFF_CALLBACK_NOT_NAVIGATION: INCOMPLETE,
  CLIENT_BAD_RESPONSE: GENERIC,
  CLIENT_INVALID_RETURN_TO: GENERIC,
};

const GENERIC_MESSAGE: ErrorMessage = {
  title: 'Something went wrong',
  body: 'We could not complete your request. Please try again. If this keeps happening, contact us and quote the error code below.',
  action: 'reload',
};

/** The message for `code`; `fallbackAction` says how to recover when the code is unknown. */
export function describeErrorCode(
  code: string | null,
  fallbackAction: RecoveryAction = 'reload',
): ErrorMessage {
  if (code !== null && Object.hasOwn(MESSAGES, code)) {
    const known = MESSAGES[code as KnownErrorCode];
    return known === GENERIC ? { ...GENERIC_MESSAGE, action: fallbackAction } : known;
  }
  // A provider or a newer BFF may say "declined" in its own words; treat every such code as a decline.
  if (code !== null && /DECLINED|DENIED/i.test(code)) return DECLINED;
  if (code !== null && /CANCEL/i.test(code)) return CANCELLED;
  return { ...GENERIC_MESSAGE, action: fallbackAction };
}
