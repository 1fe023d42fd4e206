/**
 * The SDK's one error type. Every failure the SDK reports — a JSON error from the BFF, a network
 * failure, an answer the SDK cannot read — is a {@link BffError} with a stable `code`, so callers can
 * `switch (error.code)` instead of parsing messages.
 */
import type { BffErrorBody } from '@sgid-bff/protocol';

/** Codes the SDK itself raises (the BFF's own codes start with `BFF_`). */
export type ClientErrorCode =
  /** `fetch` rejected: offline, DNS, CORS or an aborted request. */
  | 'CLIENT_NETWORK_ERROR'
  /** The BFF answered something the SDK cannot read (not JSON, or not the documented shape). */
  | 'CLIENT_BAD_RESPONSE'
  /** `login()` was given a `returnTo` that is not a local path. */
  | 'CLIENT_INVALID_RETURN_TO';

/**
 * Codes of the BFF's catalogue (`docs/errors.md`) that an SPA typically handles. The BFF may add codes;
 * any string is accepted, this union only helps autocompletion.
 */
export type KnownBffErrorCode =
  | 'BFF_UNAUTHENTICATED'
  | 'BFF_CSRF_HEADER_MISSING'
  | 'BFF_CROSS_SITE_REQUEST'
  | 'BFF_NOT_FOUND'
  | 'BFF_RATE_LIMITED'
  | 'BFF_LOGIN_DECLINED'
  | 'BFF_STORE_UNAVAILABLE'
  | 'BFF_INTERNAL';

/** Any error code: the SDK's own, a known BFF code, or another BFF code passed through verbatim. */
export type BffErrorCode = ClientErrorCode | KnownBffErrorCode | (string & {});

/** Options for {@link BffError}. */
export interface BffErrorOptions {
  /** HTTP status of the answer; `0` when there was no answer (network failure). */
  status: number;
  /** The BFF's request id, to quote when reporting a problem. */
  requestId?: string | undefined;
  /** The lower-level failure, kept for debugging. */
  cause?: unknown;
}

/** A failure reported by the BFF (its JSON error body) or by the SDK, with a stable `code`. */
export class BffError extends Error {
  /** Stable UPPER_SNAKE code, e.g. `BFF_UNAUTHENTICATED` or `CLIENT_NETWORK_ERROR`. */
  readonly code: BffErrorCode;
  /** HTTP status of the answer; `0` when there was no answer. */
  readonly status: number;
  /** The BFF's request id, if it sent one. */
  readonly requestId: string | undefined;

  constructor(code: BffErrorCode, message: string, options: BffErrorOptions) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'BffError';
    this.code = code;
    this.status = options.status;
    this.requestId = options.requestId;
  }
}

/** Whether `value` is a BFF JSON error body `{ code, message, requestId? }`. */
export function isBffErrorBody(value: unknown): value is BffErrorBody {
  if (typeof value !== 'object' || value === null) return false;
  const body = value as Record<string, unknown>;
  return (
    typeof body.code === 'string' &&
    typeof body.message === 'string' &&
    (body.requestId === undefined || typeof body.requestId === 'string')
  );
}

/** Whether `error` is a {@link BffError}, optionally with one of `codes`. */
export function isBffError(error: unknown, ...codes: BffErrorCode[]): error is BffError {
  return error instanceof BffError && (codes.length === 0 || codes.includes(error.code));
}
