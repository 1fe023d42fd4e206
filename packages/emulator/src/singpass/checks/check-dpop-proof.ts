/**
 * A DPoP proof (§4.6; §8.2 rows 5 and 24; RFC 9449 §4.3). Every failure is `invalid_dpop_proof`:
 * - exactly one `DPoP` header holding a compact JWS; header `typ` `dpop+jwt`, `alg` ES256/384/512, `jwk`
 *   a public EC key (no `d`); the signature verifies with that key;
 * - `htm` = the request method; `htu` = the endpoint URL, compared without query or fragment after URL
 *   normalisation (RFC 9449 §4.3 point 9);
 * - `iat` within [now − 120 s, now + 10 s]; `exp`, if present (required with `requireDpopExp`), after
 *   now and at most `iat` + 120 s;
 * - `jti` unseen for this key thumbprint within 130 s (replay); the `dpop-replayed` fault answers a replay;
 * - with an access token (userinfo): `ath` = base64url(SHA-256(token)).
 */
import { createHash } from 'node:crypto';
import { calculateJwkThumbprint, compactVerify, decodeProtectedHeader, EmbeddedJWK, type JWK } from 'jose';
import { EmulatorError } from '../../errors';
import {
  DPOP_JTI_WINDOW_SECONDS,
  DPOP_MAX_AGE_SECONDS,
  FUTURE_IAT_LEEWAY_SECONDS,
  SINGPASS_JWS_ALGS,
} from '../constants';
import type { ReplayStore } from '../state/replay-store';

export interface DpopCheck {
  /** The raw `DPoP` header value(s) as node gives them. */
  header: string | string[] | undefined;
  method: string;
  /** The endpoint's URL as published in discovery. */
  url: string;
  /** Seconds since the epoch. */
  now: number;
  replay: ReplayStore;
  requireExp: boolean;
  accessToken?: string;
  forceReplay?: boolean;
}

export interface DpopProof {
  /** RFC 7638 thumbprint of the proof's key. */
  readonly jkt: string;
}

function fail(description: string, cause?: unknown): EmulatorError {
  return new EmulatorError('EMU_INVALID_DPOP_PROOF', { description, cause });
}

function normalise(url: string): string | undefined {
  if (!URL.canParse(url)) return undefined;
  const parsed = new URL(url);
  return `${parsed.origin}${parsed.pathname}`;
}

function readProof(header: string | string[] | undefined): string {
  // Node joins repeated unknown headers with ", "; a compact JWS never contains a comma.
  if (typeof header !== 'string' || header === '' || header.includes(',')) {
    throw fail('exactly one DPoP header is required');
  }
  return header;
}

async function verifyProof(proof: string): Promise<{ jwk: JWK; claims: Record<string, unknown> }> {
  let jwk: JWK | undefined;
  try {
    const header = decodeProtectedHeader(proof);
    if (header.typ !== 'dpop+jwt') throw fail('DPoP typ must be dpop+jwt');
    if (!(SINGPASS_JWS_ALGS as readonly string[]).includes(header.alg ?? ''))
      throw fail('DPoP alg must be ES256, ES384 or ES512');
    jwk = header.jwk;
    if (jwk === undefined || jwk.kty !== 'EC' || 'd' in jwk) throw fail('DPoP jwk must be a public EC key');
    const { payload } = await compactVerify(proof, EmbeddedJWK, { algorithms: [...SINGPASS_JWS_ALGS] });
    const claims: unknown = JSON.parse(new TextDecoder().decode(payload));
    if (typeof claims !== 'object' || claims === null || Array.isArray(claims))
      throw fail('DPoP payload must be a JSON object');
    return { jwk, claims: claims as Record<string, unknown> };
  } catch (cause) {
    if (cause instanceof EmulatorError) throw cause;
    throw fail('the DPoP proof is not a valid signed JWT', cause);
  }
}

function checkTimes(claims: Record<string, unknown>, now: number, requireExp: boolean): void {
  const { iat, exp } = claims;
  if (typeof iat !== 'number') throw fail('DPoP iat is required');
  if (iat < now - DPOP_MAX_AGE_SECONDS) throw fail('DPoP proof is too old');
  if (iat > now + FUTURE_IAT_LEEWAY_SECONDS) throw fail('DPoP iat is in the future');
  if (exp === undefined) {
    if (requireExp) throw fail('DPoP exp is required');
    return;
  }
  if (typeof exp !== 'number' || exp <= now) throw fail('DPoP proof has expired');
  if (exp > iat + DPOP_MAX_AGE_SECONDS) throw fail('DPoP exp must be at most iat + 120 seconds');
}

export async function checkDpopProof(input: DpopCheck): Promise<DpopProof> {
  const { jwk, claims } = await verifyProof(readProof(input.header));
  if (claims.htm !== input.method) throw fail(`DPoP htm must be ${input.method}`);
  if (typeof claims.htu !== 'string' || normalise(claims.htu) !== normalise(input.url))
    throw fail('DPoP htu must be this endpoint');
  checkTimes(claims, input.now, input.requireExp);
  if (input.accessToken !== undefined) {
    const ath = createHash('sha256').update(input.accessToken).digest('base64url');
    if (claims.ath !== ath) throw fail('DPoP ath must be the hash of the access token');
  }
  const jkt = await calculateJwkThumbprint(jwk);
  if (typeof claims.jti !== 'string' || claims.jti === '') throw fail('DPoP jti is required');
  const fresh = input.replay.remember(
    `${jkt}\u0000${claims.jti}`,
    (input.now + DPOP_JTI_WINDOW_SECONDS) * 1000,
  );
  if (input.forceReplay || !fresh) throw fail('DPoP proof has been used before');
  return { jkt };
}
