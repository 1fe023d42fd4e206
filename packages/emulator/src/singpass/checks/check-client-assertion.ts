/**
 * The client assertion JWT (§4.5; §8.2 row 3; RFC 7523 §3). Every failure is `invalid_client`:
 * - header: `alg` ES256/384/512; `typ`, if present, `JWT` (a missing `typ` is refused only with the
 *   `requireAssertionTyp` toggle: openid-client omits it); a `kid` must name one of the client's sig keys,
 *   without one every sig key is tried;
 * - claims: `iss` = `sub` = `client_id`; `aud` = the issuer string exactly; `exp` required and not past
 *   (30 s leeway), `exp − iat` ≤ 120 s; `iat` (required) and `nbf` at most 10 s ahead (FAPI issue 695);
 * - `jti` required and unseen until `exp` + leeway (replay), per client.
 */
import {
  compactVerify,
  decodeProtectedHeader,
  importJWK,
  type JWK,
  type ProtectedHeaderParameters,
} from 'jose';
import { EmulatorError } from '../../errors';
import {
  EXP_LEEWAY_SECONDS,
  FUTURE_IAT_LEEWAY_SECONDS,
  MAX_ASSERTION_LIFETIME_SECONDS,
  SINGPASS_JWS_ALGS,
} from '../constants';
import type { FapiRegisteredClient } from '../fapi-profile';
import type { ReplayStore } from '../state/replay-store';

export interface AssertionCheck {
  assertion: string;
  client: FapiRegisteredClient;
  clientKeys: readonly JWK[];
  issuer: string;
  /** Seconds since the epoch. */
  now: number;
  replay: ReplayStore;
  requireTyp: boolean;
  /** The `assertion-stale` fault: answer as if `exp` had passed. */
  forceStale: boolean;
}

function fail(description: string, cause?: unknown): EmulatorError {
  return new EmulatorError('EMU_INVALID_CLIENT', { description, cause });
}

function readHeader(assertion: string): ProtectedHeaderParameters {
  try {
    return decodeProtectedHeader(assertion);
  } catch (cause) {
    throw fail('client_assertion is not a JWS', cause);
  }
}

async function verifyWithAny(assertion: string, alg: string, keys: readonly JWK[]): Promise<Uint8Array> {
  for (const jwk of keys) {
    try {
      const key = await importJWK({ ...jwk, alg }, alg);
      return (await compactVerify(assertion, key, { algorithms: [alg] })).payload;
    } catch {
      // Next candidate: a wrong curve or another key simply does not verify.
    }
  }
  throw fail('client_assertion signature does not verify with any of the client signing keys');
}

function readClaims(payload: Uint8Array): Record<string, unknown> {
  try {
    const claims: unknown = JSON.parse(new TextDecoder().decode(payload));
    if (typeof claims === 'object' && claims !== null && !Array.isArray(claims))
      return claims as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw fail('client_assertion payload is not a JSON object');
}

export async function checkClientAssertion(input: AssertionCheck): Promise<void> {
  const { assertion, client, now } = input;
  const header = readHeader(assertion);
  const alg = header.alg ?? '';
  if (!(SINGPASS_JWS_ALGS as readonly string[]).includes(alg))
    throw fail('client_assertion alg must be ES256, ES384 or ES512');
  if (header.typ !== undefined ? header.typ !== 'JWT' : input.requireTyp)
    throw fail('client_assertion typ must be JWT');
  const signingKeys = input.clientKeys.filter((key) => key.use === 'sig');
  const candidates =
    header.kid === undefined ? signingKeys : signingKeys.filter((key) => key.kid === header.kid);
  if (candidates.length === 0) throw fail('client_assertion kid is not one of the client signing keys');
  const claims = readClaims(await verifyWithAny(assertion, alg, candidates));

  if (claims.iss !== client.id || claims.sub !== client.id)
    throw fail('client_assertion iss and sub must be the client_id');
  if (claims.aud !== input.issuer) throw fail(`client_assertion aud must be the issuer ${input.issuer}`);
  const { exp, iat, nbf, jti } = claims;
  if (typeof exp !== 'number' || typeof iat !== 'number')
    throw fail('client_assertion exp and iat are required numbers');
  if (input.forceStale || exp + EXP_LEEWAY_SECONDS < now) throw fail('client_assertion has expired');
  if (exp - iat > MAX_ASSERTION_LIFETIME_SECONDS)
    throw fail('client_assertion exp - iat must not exceed 120 seconds');
  if (iat > now + FUTURE_IAT_LEEWAY_SECONDS) throw fail('client_assertion iat is in the future');
  if (nbf !== undefined && (typeof nbf !== 'number' || nbf > now + FUTURE_IAT_LEEWAY_SECONDS))
    throw fail('client_assertion nbf is in the future');
  if (typeof jti !== 'string' || jti === '') throw fail('client_assertion jti is required');
  if (!input.replay.remember(`${client.id}\u0000${jti}`, (exp + EXP_LEEWAY_SECONDS) * 1000))
    throw fail('client_assertion jti has been used before');
}
