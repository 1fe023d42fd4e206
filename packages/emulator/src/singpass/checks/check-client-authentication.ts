/**
 * private_key_jwt, the envelope (§4.1, §4.5, §4.7; §8.2 row 2), before any cryptography:
 * - `client_id` present, once, and registered as a Singpass client → else `invalid_client`;
 * - `client_assertion_type` exactly `urn:ietf:params:oauth:client-assertion-type:jwt-bearer`;
 * - `client_assertion` present. Every failure is `invalid_client` (RFC 6749 §5.2), status 401.
 */
import { type Params, readParam } from '../../checks/read-param';
import { EmulatorError } from '../../errors';
import { CLIENT_ASSERTION_TYPE } from '../constants';
import type { FapiRegisteredClient } from '../fapi-profile';

function fail(description: string): EmulatorError {
  return new EmulatorError('EMU_INVALID_CLIENT', { description });
}

export function checkClientAuthentication<C extends FapiRegisteredClient>(
  clients: ReadonlyMap<string, C>,
  params: Params,
): { client: C; assertion: string } {
  let clientId: string | undefined;
  let type: string | undefined;
  let assertion: string | undefined;
  try {
    clientId = readParam(params, 'client_id');
    type = readParam(params, 'client_assertion_type');
    assertion = readParam(params, 'client_assertion');
  } catch {
    throw fail('client_id, client_assertion_type and client_assertion must each be sent once');
  }
  const client = clientId === undefined ? undefined : clients.get(clientId);
  if (client === undefined) throw fail('client_id is missing or not a registered client of this provider');
  if (type !== CLIENT_ASSERTION_TYPE) throw fail(`client_assertion_type must be ${CLIENT_ASSERTION_TYPE}`);
  if (assertion === undefined) throw fail('client_assertion is required');
  return { client, assertion };
}
