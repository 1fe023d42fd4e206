/**
 * A FAPI 2.0 ID token, Singpass's or Corppass's (SINGPASS-CORPPASS-FAPI.md §4.9, §6.4–6.5). Rules, in order:
 * - it is a JWE (a bare JWS is `BFF_ID_TOKEN_NOT_ENCRYPTED`), decrypted per `decrypt-jwe.ts`;
 * - the inner JWS is ES256 only (checked before any key lookup), verified against Singpass's JWKS;
 * - `iss` equals the configured issuer exactly (`/fapi` included), `aud` includes the client id (and `azp`
 *   names it when there are several audiences), `exp` is in the future and `iat` neither in the future nor
 *   older than ten minutes, all against the injected clock with `clockToleranceSeconds`;
 * - `nonce` equals the transaction's; `sub` is a non-empty string; `acr` a string and `amr` a list of strings.
 * Each provider's room reads its own claims from the verified payload (Singpass: `sub_attributes`;
 * Corppass: the entity and `act`).
 */
import { decodeProtectedHeader, type JWTPayload, type JWTVerifyGetKey, jwtVerify } from 'jose';
import { BffServerError } from '../../errors';
import type { EncryptionKey } from '../fapi/client-keys';
import { decryptJwe, JweRejected } from '../fapi/decrypt-jwe';
import { mapJoseError } from '../fapi/map-jose-error';

export const ID_TOKEN_SIGNING_ALG = 'ES256';
/** Singpass and Corppass mint the ID token at the code exchange and give it 600 s; an older `iat` is suspicious. */
const MAX_TOKEN_AGE_SECONDS = 600;

export interface IdTokenCheck {
  encryptionKeys: ReadonlyMap<string, EncryptionKey>;
  opKeys: JWTVerifyGetKey;
  issuer: string;
  clientId: string;
  nonce: string;
  /** Milliseconds since the epoch, from the injected clock. */
  now: number;
  clockToleranceSeconds: number;
}

/** The verified payload: `sub` checked, `acr`/`amr` typed; the rest for the provider's room to read. */
export type VerifiedFapiIdToken = JWTPayload & { sub: string; acr?: string; amr?: string[] };

export async function verifyFapiIdToken(idToken: string, check: IdTokenCheck): Promise<VerifiedFapiIdToken> {
  const jws = await decryptIdToken(idToken, check.encryptionKeys);
  checkSigningAlg(jws);
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(jws, check.opKeys, {
      algorithms: [ID_TOKEN_SIGNING_ALG],
      issuer: check.issuer,
      audience: check.clientId,
      currentDate: new Date(check.now),
      clockTolerance: check.clockToleranceSeconds,
      maxTokenAge: MAX_TOKEN_AGE_SECONDS + check.clockToleranceSeconds,
      requiredClaims: ['iss', 'sub', 'aud', 'exp', 'iat', 'nonce'],
    }));
  } catch (cause) {
    throw mapJoseError(cause, 'ID token', {
      alg: 'BFF_ID_TOKEN_ALG_REJECTED',
      signature: 'BFF_ID_TOKEN_SIGNATURE_INVALID',
      claims: 'BFF_ID_TOKEN_INVALID',
    });
  }
  return readClaims(payload, check);
}

async function decryptIdToken(idToken: string, keys: ReadonlyMap<string, EncryptionKey>): Promise<string> {
  try {
    return await decryptJwe(idToken, keys);
  } catch (cause) {
    if (!(cause instanceof JweRejected)) throw cause;
    const code = {
      'not-encrypted': 'BFF_ID_TOKEN_NOT_ENCRYPTED',
      'alg-rejected': 'BFF_JWE_ALG_REJECTED',
      'unknown-key': 'BFF_ID_TOKEN_DECRYPT_FAILED',
      'decrypt-failed': 'BFF_ID_TOKEN_DECRYPT_FAILED',
    } as const;
    throw new BffServerError(code[cause.reason], { detail: `ID token: ${cause.message}`, cause });
  }
}

function checkSigningAlg(jws: string): void {
  let alg: unknown;
  try {
    alg = decodeProtectedHeader(jws).alg;
  } catch (cause) {
    throw new BffServerError('BFF_ID_TOKEN_INVALID', { detail: 'ID token JWE holds no JWS', cause });
  }
  if (jws.split('.').length !== 3)
    throw new BffServerError('BFF_ID_TOKEN_INVALID', { detail: 'ID token JWE holds no compact JWS' });
  if (alg !== ID_TOKEN_SIGNING_ALG)
    throw new BffServerError('BFF_ID_TOKEN_ALG_REJECTED', {
      detail: `ID token alg ${String(alg).slice(0, 20)}`,
    });
}

function readClaims(payload: JWTPayload, check: IdTokenCheck): VerifiedFapiIdToken {
  const invalid = (detail: string) => new BffServerError('BFF_ID_TOKEN_INVALID', { detail });
  if (typeof payload.sub !== 'string' || payload.sub.length === 0) throw invalid('ID token sub missing');
  if (Array.isArray(payload.aud) && payload.aud.length > 1 && payload.azp !== check.clientId)
    throw invalid('ID token has several audiences and no matching azp');
  if (payload.azp !== undefined && payload.azp !== check.clientId)
    throw invalid('ID token azp is not this client');
  // jose checks `iat` for age only; a token from the future means a broken clock or a forged token.
  if ((payload.iat ?? 0) > check.now / 1000 + check.clockToleranceSeconds)
    throw invalid('ID token iat is in the future');
  if (payload.nonce !== check.nonce) throw invalid('ID token nonce mismatch');
  const { acr, amr } = payload;
  if (acr !== undefined && typeof acr !== 'string') throw invalid('ID token acr is not a string');
  if (amr !== undefined && !(Array.isArray(amr) && amr.every((m) => typeof m === 'string')))
    throw invalid('ID token amr is not a list of strings');
  return payload as VerifiedFapiIdToken;
}
