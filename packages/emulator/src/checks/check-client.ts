/**
 * Authorize: the client must be registered (SGID-PROTOCOL.md §3.1, §11; SECURITY.md emulator side).
 * - `client_id` missing, repeated or unknown → an error page, never a redirect: nothing proves the
 *   redirect_uri belongs to anyone (RFC 6749 §4.1.2.1).
 */
import type { RegisteredClient } from '../config/emulator-config';
import { EmulatorError } from '../errors';
import type { Params } from './read-param';

export function checkClient(
  clients: ReadonlyMap<string, RegisteredClient>,
  params: Params,
): RegisteredClient {
  const value = params.client_id;
  const client = typeof value === 'string' ? clients.get(value) : undefined;
  if (client === undefined) {
    throw new EmulatorError('EMU_UNKNOWN_CLIENT', {
      description:
        typeof value === 'string' && value !== ''
          ? 'The client_id is not registered with this emulator.'
          : 'The client_id parameter is missing or repeated.',
    });
  }
  return client;
}
