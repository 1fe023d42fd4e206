/**
 * Authorize `client_id` + `request_uri` (§4.3; §8.2 row 14; RFC 9126 §4):
 * - `request_uri` unknown, or owned by another `client_id` → `invalid_request_uri` on an error page, never
 *   a redirect (nothing ties the browser to a redirect_uri);
 * - expired (60 s) or already used → a redirect to the PAR's redirect_uri with
 *   `error=invalid_request_uri` and its `state` (strict reading of the unconfirmed single-use rule, ?);
 * - otherwise the request is marked used here, so a reload cannot start a second login.
 */
import { type Params, readParam } from '../../checks/read-param';
import { EmulatorError } from '../../errors';
import type { PushedRequest } from '../state/fapi-store';

export type RequestUriResult =
  | { readonly ok: true; readonly pushed: PushedRequest }
  | { readonly ok: false; readonly pushed: PushedRequest; readonly error: EmulatorError };

export function checkRequestUri(
  find: (requestUri: string) => PushedRequest | undefined,
  params: Params,
  now: number,
): RequestUriResult {
  const clientId = readParam(params, 'client_id');
  const requestUri = readParam(params, 'request_uri');
  const pushed = requestUri === undefined ? undefined : find(requestUri);
  if (pushed === undefined || clientId === undefined || pushed.params.clientId !== clientId) {
    throw new EmulatorError('EMU_INVALID_REQUEST_URI', {
      description: 'The request_uri is unknown or was not pushed by this client_id.',
    });
  }
  if (pushed.used) {
    return {
      ok: false,
      pushed,
      error: new EmulatorError('EMU_INVALID_REQUEST_URI', { description: 'request_uri has been used' }),
    };
  }
  pushed.used = true;
  if (now >= pushed.expiresAt) {
    return {
      ok: false,
      pushed,
      error: new EmulatorError('EMU_INVALID_REQUEST_URI', { description: 'request_uri has expired' }),
    };
  }
  return { ok: true, pushed };
}
