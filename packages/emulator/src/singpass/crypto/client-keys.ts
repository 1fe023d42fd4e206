/**
 * A Singpass client's public keys (§3 "JWKS delivery", §8.1): inline from the config, or fetched from
 * `jwksUri` with a 3 s timeout and cached 1 h, as Singpass does. A fetched JWKS is validated with the same
 * rules as an inline one. An unreachable or invalid JWKS is `EMU_CLIENT_JWKS_UNREACHABLE` (`server_error`,
 * §4.11), as is the `jwks-unreachable` fault.
 */
import type { JWK } from 'jose';
import type { Clock } from '../../clock';
import { EmulatorError } from '../../errors';
import { validateClientJwks } from '../config/validate-client-jwks';
import type { FapiRegisteredClient } from '../fapi-profile';

export const JWKS_FETCH_TIMEOUT_MS = 3000;
export const JWKS_CACHE_MS = 60 * 60_000;

export interface ClientKeyResolver {
  /** The client's public JWKs. @throws EmulatorError `EMU_CLIENT_JWKS_UNREACHABLE` */
  keysOf(client: FapiRegisteredClient, unreachable: boolean): Promise<readonly JWK[]>;
}

export function createClientKeyResolver(fetchFn: typeof fetch, clock: Clock): ClientKeyResolver {
  const cache = new Map<string, { keys: readonly JWK[]; until: number }>();

  async function fetchKeys(uri: string): Promise<readonly JWK[]> {
    let body: unknown;
    try {
      const response = await fetchFn(uri, {
        signal: AbortSignal.timeout(JWKS_FETCH_TIMEOUT_MS),
        headers: { accept: 'application/json' },
      });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      body = await response.json();
    } catch (cause) {
      throw new EmulatorError('EMU_CLIENT_JWKS_UNREACHABLE', { cause });
    }
    const problems = validateClientJwks(body);
    if (problems.length > 0) {
      throw new EmulatorError('EMU_CLIENT_JWKS_UNREACHABLE', {
        description: `The client's JWKS is invalid: ${problems.join('; ')}.`,
      });
    }
    return Object.freeze([...(body as { keys: JWK[] }).keys]);
  }

  return {
    async keysOf(client, unreachable) {
      if (unreachable) throw new EmulatorError('EMU_CLIENT_JWKS_UNREACHABLE');
      if (client.jwks !== undefined) return client.jwks.keys;
      const uri = client.jwksUri ?? '';
      const cached = cache.get(uri);
      if (cached !== undefined && cached.until > clock()) return cached.keys;
      const keys = await fetchKeys(uri);
      cache.set(uri, { keys, until: clock() + JWKS_CACHE_MS });
      return keys;
    },
  };
}
