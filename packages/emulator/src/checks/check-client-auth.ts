/**
 * Token: client authentication, `client_secret_post` only (SGID-PROTOCOL.md §3.2; RFC 6749 §2.3.1).
 * - `client_id` or `client_secret` missing, unknown client, wrong secret → 401 `invalid_client`.
 * - an `Authorization` header (client_secret_basic and others) → 401 `invalid_client`: sgID does not
 *   support other methods, and a client must not half-work against the emulator and fail in production.
 * - the secret is compared as SHA-256 digests with `timingSafeEqual`: constant time, whatever its length.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { RegisteredClient } from '../config/emulator-config';
import { EmulatorError } from '../errors';
import { type Params, readParam } from './read-param';

export function checkClientAuth(
  clients: ReadonlyMap<string, RegisteredClient>,
  params: Params,
  authorizationHeader: string | undefined,
): RegisteredClient {
  if (authorizationHeader !== undefined) {
    throw new EmulatorError('EMU_INVALID_CLIENT', {
      description: 'only client_secret_post is supported: send client_id and client_secret in the body',
    });
  }
  const clientId = readParam(params, 'client_id');
  const secret = readParam(params, 'client_secret');
  if (clientId === undefined || secret === undefined) {
    throw new EmulatorError('EMU_INVALID_CLIENT', {
      description: 'client_id and client_secret are required',
    });
  }
  const client = clients.get(clientId);
  // Hash even for an unknown client so both failures take the same time.
  const given = createHash('sha256').update(secret).digest();
  const expected = client?.secretDigest ?? Buffer.alloc(given.length);
  if (!timingSafeEqual(given, expected) || client === undefined) {
    throw new EmulatorError('EMU_INVALID_CLIENT', { description: 'client authentication failed' });
  }
  return client;
}
