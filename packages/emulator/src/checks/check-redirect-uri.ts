/**
 * Authorize: the redirect_uri must be one the client registered, compared as exact strings
 * (SGID-PROTOCOL.md §3.1; RFC 6749 §3.1.2.3; RFC 9700 §4.1.3: no pattern or prefix matching).
 * - Missing, repeated or unregistered → an error page, never a redirect (open-redirector defence).
 */
import type { RegisteredClient } from '../config/emulator-config';
import { EmulatorError } from '../errors';
import type { Params } from './read-param';

export function checkRedirectUri(client: RegisteredClient, params: Params): string {
  const value = params.redirect_uri;
  if (typeof value !== 'string' || value === '') {
    throw new EmulatorError('EMU_INVALID_REDIRECT_URI', {
      description: 'The redirect_uri parameter is missing or repeated.',
    });
  }
  if (!client.redirectUris.includes(value)) {
    throw new EmulatorError('EMU_INVALID_REDIRECT_URI', {
      description: 'The redirect_uri is not registered for this application.',
    });
  }
  return value;
}
