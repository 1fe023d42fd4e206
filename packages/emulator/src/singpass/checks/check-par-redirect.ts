/**
 * PAR redirect targets (§4.1, §3; §8.2 row 9), each → else `invalid_request`:
 * - `redirect_uri` required and exactly one of the app's registered URIs (no prefix matching);
 * - `app_launch_url`, if sent, registered for the app;
 * - `redirect_uri_https_type`, if sent, `app_claimed_https` or `standard_https`.
 */
import { type Params, readParam, requireParam } from '../../checks/read-param';
import { EmulatorError } from '../../errors';
import type { FapiRegisteredClient } from '../fapi-profile';

const HTTPS_TYPES = ['app_claimed_https', 'standard_https'];

function fail(description: string): EmulatorError {
  return new EmulatorError('EMU_INVALID_REQUEST', { description });
}

export function checkParRedirect(client: FapiRegisteredClient, params: Params): string {
  const redirectUri = requireParam(params, 'redirect_uri');
  if (!client.redirectUris.includes(redirectUri)) throw fail('redirect_uri is not registered for this app');
  const launch = readParam(params, 'app_launch_url');
  if (launch !== undefined && !client.appLaunchUrls.includes(launch))
    throw fail('app_launch_url is not registered for this app');
  const httpsType = readParam(params, 'redirect_uri_https_type');
  if (httpsType !== undefined && !HTTPS_TYPES.includes(httpsType))
    throw fail('redirect_uri_https_type must be app_claimed_https or standard_https');
  return redirectUri;
}
