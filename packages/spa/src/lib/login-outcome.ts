/**
 * Reads the result of a failed login from the SPA's URL. The BFF sends the browser back with
 * `?error=BFF_…` (or `?login=declined`); a raw provider error such as `?error=access_denied` counts too.
 */

const OUTCOME_PARAMS = ['error', 'error_description', 'login'] as const;
const CODE = /^[A-Za-z0-9_.-]{1,64}$/;

/** The error code in `search`, or `null` when the URL reports no failed login. */
export function readLoginError(search: string): string | null {
  const params = new URLSearchParams(search);
  const login = params.get('login');
  if (login === 'declined' || login === 'cancelled') return 'BFF_LOGIN_DECLINED';
  const error = params.get('error');
  if (error === null) return null;
  // Never echo arbitrary text from the URL: an odd value becomes the generic error.
  return CODE.test(error) ? error : 'UNKNOWN';
}

/** `path` (with query and hash) without the login-outcome parameters: where "Try again" returns to. */
export function withoutLoginOutcome(path: string): string {
  const url = new URL(path, 'http://spa.invalid');
  for (const name of OUTCOME_PARAMS) url.searchParams.delete(name);
  return `${url.pathname}${url.search}${url.hash}`;
}
