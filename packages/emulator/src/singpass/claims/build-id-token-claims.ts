/**
 * The Singpass ID token's claims (§4.9; §8.2 row 22): `sub`, `sub_type: "user"`, `sub_attributes` (only
 * when a scope fills it), `aud`, `iss`, integer `iat`, `exp` = `iat` + 600, `nonce`, `acr`, `amr`.
 * The claim-shaped faults shared with sgID are applied here: `wrong-iss`, `wrong-aud`, `wrong-nonce`,
 * `expired-id-token`.
 */
import { randomBytes } from 'node:crypto';
import { SINGPASS_ACR } from '@sgid-bff/protocol';
import type { JWTPayload } from 'jose';
import type { FaultName } from '../../faults';
import { ID_TOKEN_TTL_SECONDS } from '../constants';

export interface IdTokenInput {
  issuer: string;
  clientId: string;
  sub: string;
  subAttributes: Record<string, string> | undefined;
  nonce: string;
  /** The PAR's `acr_values`, most preferred first. */
  acrValues: readonly string[];
  /** Seconds since the epoch. */
  now: number;
  faults: ReadonlySet<FaultName>;
  /** The `iss` of the `wrong-iss` fault: the same path at another origin (default Singpass's). */
  wrongIssuer?: string;
}

const WRONG_ISSUER = 'https://attacker.example/singpass/v3/fapi';

/** LoA 3 (face as a third factor) only when asked for first and whitelisted (PAR checked it). */
function authenticationOf(acrValues: readonly string[]): { acr: string; amr: string[] } {
  return acrValues[0] === SINGPASS_ACR.loa3
    ? { acr: SINGPASS_ACR.loa3, amr: ['pwd', 'otp-sms', 'face'] }
    : { acr: SINGPASS_ACR.loa2, amr: ['pwd', 'otp-sms'] };
}

/**
 * The claims every FAPI provider's ID token carries (`aud`, `iss`, `iat`, `exp`, `nonce`, `acr`, `amr`),
 * with the claim-shaped faults applied; shared by Singpass and Corppass.
 */
export function buildStandardIdTokenClaims(input: Omit<IdTokenInput, 'sub' | 'subAttributes'>): JWTPayload {
  const { faults, now } = input;
  const expired = faults.has('expired-id-token');
  return {
    aud: faults.has('wrong-aud') ? `not-${input.clientId}` : input.clientId,
    iss: faults.has('wrong-iss') ? (input.wrongIssuer ?? WRONG_ISSUER) : input.issuer,
    iat: expired ? now - 2 * ID_TOKEN_TTL_SECONDS : now,
    exp: expired ? now - ID_TOKEN_TTL_SECONDS : now + ID_TOKEN_TTL_SECONDS,
    nonce: faults.has('wrong-nonce') ? randomBytes(32).toString('base64url') : input.nonce,
    ...authenticationOf(input.acrValues),
  };
}

export function buildIdTokenClaims(input: IdTokenInput): JWTPayload {
  return {
    sub: input.sub,
    sub_type: 'user',
    ...(input.subAttributes === undefined ? {} : { sub_attributes: input.subAttributes }),
    ...buildStandardIdTokenClaims(input),
  };
}
