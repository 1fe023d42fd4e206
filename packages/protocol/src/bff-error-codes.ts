/**
 * Every error code the BFF answers, in one list that the BFF's catalogue, the client SDK and the SPA are
 * all typed from: the BFF's catalogue (`packages/bff/src/errors.ts`) must describe exactly these codes, and
 * a client or SPA that names a code outside this list fails to type-check. `docs/errors.md` lists them
 * with their status; a test keeps it in step with the catalogue.
 */
export const BFF_ERROR_CODES = [
  'BFF_BAD_REQUEST',
  'BFF_COOKIE_MALFORMED',
  'BFF_CSRF_HEADER_MISSING',
  'BFF_CROSS_SITE_REQUEST',
  'BFF_UNAUTHENTICATED',
  'BFF_ROLE_REQUIRED',
  'BFF_NOT_FOUND',
  'BFF_PAYLOAD_TOO_LARGE',
  'BFF_UNSUPPORTED_MEDIA_TYPE',
  'BFF_RATE_LIMITED',
  'BFF_CALLBACK_INVALID',
  'BFF_LOGIN_EXPIRED',
  'BFF_TRANSACTION_BINDING_MISMATCH',
  'BFF_LOGIN_DECLINED',
  'BFF_LOGIN_TIMED_OUT',
  'BFF_LOGIN_CANCELLED',
  'BFF_PROVIDER_ERROR',
  'BFF_PROVIDER_TIMEOUT',
  'BFF_PROVIDER_UNAVAILABLE',
  'BFF_ID_TOKEN_ALG_REJECTED',
  'BFF_ID_TOKEN_SIGNATURE_INVALID',
  'BFF_ID_TOKEN_INVALID',
  'BFF_ID_TOKEN_NOT_ENCRYPTED',
  'BFF_ID_TOKEN_DECRYPT_FAILED',
  'BFF_USERINFO_SUB_MISMATCH',
  'BFF_JWE_ALG_REJECTED',
  'BFF_USERINFO_DECRYPT_FAILED',
  'BFF_USERINFO_INVALID',
  'BFF_METHOD_NOT_ALLOWED',
  'BFF_UPSTREAM_UNAVAILABLE',
  'BFF_UPSTREAM_TIMEOUT',
  'BFF_OPERATOR_UNAUTHORIZED',
  'BFF_STORE_UNAVAILABLE',
  'BFF_UNSAFE_PATH',
  'BFF_BODY_NOT_ALLOWED',
  'BFF_TOO_MANY_CONCURRENT',
  'BFF_REQUEST_BODY_TIMEOUT',
  'BFF_INTERNAL',
  'BFF_REQUEST_TIMEOUT',
  'BFF_HEADERS_TOO_LARGE',
  'BFF_DUPLICATE_HOST',
  'BFF_LOGIN_NOT_NAVIGATION',
  'BFF_CALLBACK_NOT_NAVIGATION',
  'BFF_PROVIDER_UNKNOWN',
  'BFF_PROVIDER_MISMATCH',
  'BFF_BODY_ALREADY_READ',
] as const;

/** The closed union of the BFF's error codes, so `switch (code)` can be exhaustive. */
export type BffErrorCode = (typeof BFF_ERROR_CODES)[number];

const codes: ReadonlySet<string> = new Set(BFF_ERROR_CODES);

/** Whether `code` is one of the BFF's error codes. */
export function isBffErrorCode(code: string): code is BffErrorCode {
  return codes.has(code);
}
