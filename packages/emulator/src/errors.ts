/**
 * Every failure the emulator reports, with a stable `EMU_*` code, the HTTP status, the RFC 6749 / 6750
 * `error` value when the failure is an OAuth one, and a message that is safe to show to anyone.
 * docs/emulator.md lists the same codes; `errors.test.ts` keeps the two in step.
 */

/** OAuth `error` values the emulator answers (RFC 6749 §4.1.2.1, §5.2; RFC 6750 §3.1). */
export type OAuthErrorName =
  | 'invalid_request'
  | 'unauthorized_client'
  | 'access_denied'
  | 'unsupported_response_type'
  | 'invalid_scope'
  | 'server_error'
  | 'invalid_client'
  | 'invalid_grant'
  | 'unsupported_grant_type'
  | 'invalid_token'
  // RFC 9449 §5, §7.1 (DPoP) and RFC 9126 §2.2 (PAR): the FAPI 2.0 providers answer these too.
  | 'invalid_dpop_proof'
  | 'invalid_request_uri'
  | 'temporarily_unavailable';

interface ErrorDefinition {
  status: number;
  oauthError?: OAuthErrorName;
  message: string;
}

/** The catalogue of error codes. */
export const ERROR_CODES = {
  EMU_CONFIG_INVALID: { status: 500, message: 'The emulator configuration is invalid.' },
  EMU_UNKNOWN_CLIENT: { status: 400, message: 'This application is not registered with the sgID emulator.' },
  EMU_INVALID_REDIRECT_URI: {
    status: 400,
    message: 'The redirect_uri is missing or is not registered for this application.',
  },
  EMU_INVALID_REQUEST: { status: 400, oauthError: 'invalid_request', message: 'The request is malformed.' },
  EMU_UNSUPPORTED_RESPONSE_TYPE: {
    status: 400,
    oauthError: 'unsupported_response_type',
    message: 'Only response_type=code is supported.',
  },
  EMU_INVALID_SCOPE: { status: 400, oauthError: 'invalid_scope', message: 'The requested scope is invalid.' },
  EMU_ACCESS_DENIED: { status: 403, oauthError: 'access_denied', message: 'The user did not give consent.' },
  EMU_INVALID_CLIENT: { status: 401, oauthError: 'invalid_client', message: 'Client authentication failed.' },
  EMU_INVALID_GRANT: {
    status: 400,
    oauthError: 'invalid_grant',
    message: 'The authorization code is invalid, expired, used or bound to something else.',
  },
  EMU_UNSUPPORTED_GRANT_TYPE: {
    status: 400,
    oauthError: 'unsupported_grant_type',
    message: 'Only grant_type=authorization_code is supported.',
  },
  EMU_INVALID_TOKEN: {
    status: 401,
    oauthError: 'invalid_token',
    message: 'The access token is missing, invalid or expired.',
  },
  EMU_FAULT_INJECTED: {
    status: 500,
    oauthError: 'server_error',
    message: 'A fault was injected for this client (sgID emulator fault injection).',
  },
  EMU_REQUEST_NOT_FOUND: { status: 404, message: 'This login request does not exist.' },
  EMU_REQUEST_EXPIRED: { status: 410, message: 'This login request has expired.' },
  EMU_REQUEST_ANSWERED: { status: 409, message: 'This login request has already been answered.' },
  EMU_INVALID_NRIC: { status: 400, message: 'That is not a valid NRIC or FIN.' },
  EMU_UNKNOWN_FAULT: { status: 400, message: 'Unknown fault name.' },
  EMU_NOT_FOUND: { status: 404, message: 'Not found.' },
  EMU_INTERNAL: { status: 500, oauthError: 'server_error', message: 'Internal error in the sgID emulator.' },
  EMU_INVALID_DPOP_PROOF: {
    status: 400,
    oauthError: 'invalid_dpop_proof',
    message: 'The DPoP proof is missing, malformed, replayed or bound to another key.',
  },
  EMU_INVALID_REQUEST_URI: {
    status: 400,
    oauthError: 'invalid_request_uri',
    message: 'The request_uri is unknown, expired, used or belongs to another client.',
  },
  EMU_CLIENT_JWKS_UNREACHABLE: {
    status: 500,
    oauthError: 'server_error',
    message: "The client's JWKS could not be fetched.",
  },
  EMU_SFA_NO_MYINFO: {
    status: 400,
    oauthError: 'invalid_request',
    message: 'Singpass Foreign Account holders have no Myinfo data.',
  },
  EMU_HEADERS_TOO_LARGE: { status: 431, message: 'The request line or headers are too large.' },
} as const satisfies Record<string, ErrorDefinition>;

/** A closed union of the codes, so `switch (error.code)` can be exhaustive. */
export type EmulatorErrorCode = keyof typeof ERROR_CODES;

export interface EmulatorErrorOptions {
  /** A safe, specific description (becomes `error_description`); defaults to the catalogue message. */
  description?: string;
  cause?: unknown;
}

/** The one error class of the emulator. `description` is public; `cause` is for logs only. */
export class EmulatorError extends Error {
  readonly code: EmulatorErrorCode;
  readonly status: number;
  readonly oauthError: OAuthErrorName | undefined;
  readonly description: string;

  constructor(code: EmulatorErrorCode, options: EmulatorErrorOptions = {}) {
    const definition: ErrorDefinition = ERROR_CODES[code];
    const description = options.description ?? definition.message;
    super(description, { cause: options.cause });
    this.name = 'EmulatorError';
    this.code = code;
    this.status = definition.status;
    this.oauthError = definition.oauthError;
    this.description = description;
  }
}

export function isEmulatorError(value: unknown): value is EmulatorError {
  return value instanceof EmulatorError;
}

/**
 * The one boundary from any failure to an `EmulatorError`: ours pass through; a framework 4xx (bad JSON,
 * unsupported media type, body too large) becomes `EMU_INVALID_REQUEST`; anything else is hidden behind
 * `EMU_INTERNAL`, with the original kept as `cause` for the log.
 */
export function toEmulatorError(error: unknown): EmulatorError {
  if (isEmulatorError(error)) return error;
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new EmulatorError('EMU_INVALID_REQUEST', {
      description: 'The request could not be read.',
      cause: error,
    });
  }
  return new EmulatorError('EMU_INTERNAL', { cause: error });
}
