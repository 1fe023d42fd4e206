/**
 * The SDK's one error type. Every failure of a request to the BFF — a JSON error from the BFF, a network
 * failure, an answer the SDK cannot read — is a {@link BffRequestError} with a stable `code`, so callers
 * can `switch (error.code)` instead of parsing messages.
 *
 * The codes are typed from the BFF's own list (`BFF_ERROR_CODES` in `@sgid-bff/protocol`) plus the SDK's
 * `CLIENT_*` codes: a handler that names a code the BFF never sends does not type-check. A code from a
 * newer BFF still arrives verbatim, as an {@link UnknownBffErrorCode}, which no handler can name.
 */
import { type BffErrorBody, type BffErrorCode, isBffErrorCode } from '@sgid-bff/protocol';

export type { BffErrorCode } from '@sgid-bff/protocol';

/** Codes the SDK itself raises (the BFF's own codes start with `BFF_`). */
export type ClientErrorCode =
  /** `fetch` rejected: offline, DNS, CORS or an aborted request. */
  | 'CLIENT_NETWORK_ERROR'
  /** The BFF answered something the SDK cannot read (not JSON, or not the documented shape). */
  | 'CLIENT_BAD_RESPONSE'
  /** `login()` was given a `returnTo` that is not a local path. */
  | 'CLIENT_INVALID_RETURN_TO';

/** Every code the SDK raises, for tables that must cover them all. */
export const CLIENT_ERROR_CODES = [
  'CLIENT_NETWORK_ERROR',
  'CLIENT_BAD_RESPONSE',
  'CLIENT_INVALID_RETURN_TO',
] as const satisfies readonly ClientErrorCode[];

/**
 * The BFF's codes (the catalogue in `docs/errors.md`).
 * @deprecated Use {@link BffErrorCode}, the same union.
 */
export type KnownBffErrorCode = BffErrorCode;

/** Every code this SDK version knows: the BFF's and its own. Handlers and tables name these. */
export type KnownErrorCode = BffErrorCode | ClientErrorCode;

declare const unknownBffErrorCode: unique symbol;

/**
 * A code this SDK version does not know (sent by a newer BFF), passed through verbatim so it can be
 * shown and logged. It is still a string, but no literal is one, so no handler can branch on it.
 */
export type UnknownBffErrorCode = string & { readonly [unknownBffErrorCode]: true };

/** What {@link BffRequestError.code} holds: a known code, or a newer BFF's code passed through. */
export type BffRequestErrorCode = KnownErrorCode | UnknownBffErrorCode;

const clientCodes: ReadonlySet<string> = new Set(CLIENT_ERROR_CODES);

/** A received code (the BFF's answer, another tab's message), typed: known, or an {@link UnknownBffErrorCode}. */
export function readErrorCode(code: string): BffRequestErrorCode {
  return isBffErrorCode(code) || clientCodes.has(code)
    ? (code as KnownErrorCode)
    : (code as UnknownBffErrorCode);
}

/** Options for {@link BffRequestError}. */
export interface BffRequestErrorOptions {
  /** HTTP status of the answer; `0` when there was no answer (network failure). */
  status: number;
  /** The BFF's request id, to quote when reporting a problem. */
  requestId?: string | undefined;
  /** The lower-level failure, kept for debugging. */
  cause?: unknown;
}

/** A request to the BFF failed: the BFF's JSON error body, or the SDK's own failure, with a stable `code`. */
export class BffRequestError extends Error {
  /** Stable UPPER_SNAKE code, e.g. `BFF_UNAUTHENTICATED` or `CLIENT_NETWORK_ERROR`. */
  readonly code: BffRequestErrorCode;
  /** HTTP status of the answer; `0` when there was no answer. */
  readonly status: number;
  /** The BFF's request id, if it sent one. */
  readonly requestId: string | undefined;

  constructor(code: BffRequestErrorCode, message: string, options: BffRequestErrorOptions) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'BffRequestError';
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

/** Whether `error` is a {@link BffRequestError}. */
export function isBffError(error: unknown): error is BffRequestError;
/** Whether `error` is a {@link BffRequestError} with one of `codes` (then `error.code` is narrowed). */
export function isBffError<Code extends KnownErrorCode>(
  error: unknown,
  ...codes: [Code, ...Code[]]
): error is BffRequestError & { readonly code: Code };
export function isBffError(error: unknown, ...codes: readonly KnownErrorCode[]): boolean {
  return (
    error instanceof BffRequestError &&
    (codes.length === 0 || (codes as readonly string[]).includes(error.code))
  );
}
