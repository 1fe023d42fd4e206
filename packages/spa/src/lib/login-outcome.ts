/**
 * Reads the result of a failed login from the SPA's URL. The BFF sends the browser back with
 * `?login=<declined|expired|cancelled|failed>&error=BFF_…&requestId=…`; an older BFF's bare
 * `?login=declined` and a raw provider error such as `?error=access_denied` count too.
 */

import type { BffErrorCode } from '@sgid-bff/client';

const OUTCOME_PARAMS = ['error', 'error_description', 'login', 'requestId'] as const;
const CODE = /^[A-Za-z0-9_.-]{1,64}$/;
const LEGACY_OUTCOMES: Readonly<Record<string, BffErrorCode>> = {
  declined: 'BFF_LOGIN_DECLINED',
  expired: 'BFF_LOGIN_TIMED_OUT',
  cancelled: 'BFF_LOGIN_CANCELLED',
};

/** The error code in `search`, or `null` when the URL reports no failed login. */
export function readLoginError(search: string): string | null {
  const params = new URLSearchParams(search);
  const error = params.get('error');
  if (error === null) return LEGACY_OUTCOMES[params.get('login') ?? ''] ?? null;
  // Never echo arbitrary text from the URL: an odd value becomes the generic error.
  return CODE.test(error) ? error : 'UNKNOWN';
}

/** The BFF's request id for the failed login in `search` (to quote to support), if it is a plain id. */
export function readLoginRequestId(search: string): string | undefined {
  const id = new URLSearchParams(search).get('requestId');
  return id !== null && CODE.test(id) ? id : undefined;
}

/** `path` (with query and hash) without the login-outcome parameters: where "Try again" returns to. */
export function withoutLoginOutcome(path: string): string {
  const url = new URL(path, 'http://spa.invalid');
  for (const name of OUTCOME_PARAMS) url.searchParams.delete(name);
  return `${url.pathname}${url.search}${url.hash}`;
}
