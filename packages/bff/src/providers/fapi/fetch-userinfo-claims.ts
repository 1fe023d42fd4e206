/**
 * A FAPI 2.0 userinfo call, Singpass's (Myinfo apps) or Corppass's (`auth_info`), up to verified claims
 * (SINGPASS-CORPPASS-FAPI.md §4.10, §6.5). Rules:
 * - `GET` the discovery userinfo endpoint with `Authorization: DPoP <access token>` and a proof (same
 *   per-login key) carrying `ath`; one retry on `use_dpop_nonce`;
 * - the answer is 200 `application/jwt`: a JWE (same allowlist as the ID token, `decrypt-jwe.ts`) of an
 *   ES256 JWS that verifies against Singpass's JWKS;
 * - `iss` equals the issuer exactly, `aud` includes the client id, and `sub` equals the ID token's
 *   (`BFF_USERINFO_SUB_MISMATCH`); `iat` is not checked: the docs list it as a string (§4.10);
 * Each provider's room reads its own blocks from the claims (Singpass: `person_info`; Corppass:
 * `auth_info`, `tp_auth_info`).
 */
import { compactVerify, decodeProtectedHeader, type JWTVerifyGetKey } from 'jose';
import { BffServerError } from '../../errors';
import { describeEndpointError, type FetchLike } from './call-endpoint';
import { callWithDpop } from './call-with-dpop';
import type { EncryptionKey } from './client-keys';
import { decryptJwe, JweRejected } from './decrypt-jwe';
import type { DpopKey } from './dpop';
import { mapJoseError } from './map-jose-error';

export interface UserinfoRequest {
  endpoint: string;
  accessToken: string;
  dpopKey: DpopKey;
  dpopNonces: Map<string, string>;
  encryptionKeys: ReadonlyMap<string, EncryptionKey>;
  opKeys: JWTVerifyGetKey;
  issuer: string;
  clientId: string;
  expectedSub: string;
  clock: () => number;
  timeoutMs: number;
}

export async function fetchUserinfoClaims(
  fetchImpl: FetchLike,
  request: UserinfoRequest,
): Promise<Record<string, unknown>> {
  const what = 'FAPI userinfo endpoint';
  const answer = await callWithDpop(fetchImpl, {
    url: request.endpoint,
    method: 'GET',
    headers: { authorization: `DPoP ${request.accessToken}`, accept: 'application/jwt' },
    key: request.dpopKey,
    accessToken: request.accessToken,
    nonces: request.dpopNonces,
    now: request.clock,
    timeoutMs: request.timeoutMs,
    what,
  });
  if (answer.status !== 200)
    throw new BffServerError('BFF_PROVIDER_ERROR', { detail: describeEndpointError(what, answer) });
  const type = (answer.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/jwt')
    throw new BffServerError('BFF_USERINFO_INVALID', {
      detail: `userinfo content-type ${type?.slice(0, 40)}`,
    });

  const jws = await decryptUserinfo(answer.text.trim(), request.encryptionKeys);
  const claims = await verifyUserinfo(jws, request.opKeys);
  const invalid = (detail: string) => new BffServerError('BFF_USERINFO_INVALID', { detail });
  if (claims.iss !== request.issuer) throw invalid('userinfo iss is not the issuer');
  const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!audiences.includes(request.clientId)) throw invalid('userinfo aud is not this client');
  if (claims.sub !== request.expectedSub)
    throw new BffServerError('BFF_USERINFO_SUB_MISMATCH', {
      detail: 'userinfo sub differs from the ID token sub',
    });
  return claims;
}

async function decryptUserinfo(jwe: string, keys: ReadonlyMap<string, EncryptionKey>): Promise<string> {
  try {
    return await decryptJwe(jwe, keys);
  } catch (cause) {
    if (!(cause instanceof JweRejected)) throw cause;
    const code = {
      'not-encrypted': 'BFF_USERINFO_INVALID',
      'alg-rejected': 'BFF_JWE_ALG_REJECTED',
      'unknown-key': 'BFF_USERINFO_DECRYPT_FAILED',
      'decrypt-failed': 'BFF_USERINFO_DECRYPT_FAILED',
    } as const;
    throw new BffServerError(code[cause.reason], { detail: `userinfo: ${cause.message}`, cause });
  }
}

async function verifyUserinfo(jws: string, opKeys: JWTVerifyGetKey): Promise<Record<string, unknown>> {
  let alg: unknown;
  try {
    alg = decodeProtectedHeader(jws).alg;
  } catch (cause) {
    throw new BffServerError('BFF_USERINFO_INVALID', { detail: 'userinfo JWE holds no JWS', cause });
  }
  if (alg !== 'ES256' || jws.split('.').length !== 3)
    throw new BffServerError('BFF_USERINFO_INVALID', {
      detail: `userinfo JWS alg ${String(alg).slice(0, 20)}`,
    });
  let payload: Uint8Array;
  try {
    ({ payload } = await compactVerify(jws, opKeys, { algorithms: ['ES256'] }));
  } catch (cause) {
    throw mapJoseError(cause, 'userinfo', {
      alg: 'BFF_USERINFO_INVALID',
      signature: 'BFF_USERINFO_INVALID',
      claims: 'BFF_USERINFO_INVALID',
    });
  }
  let claims: unknown;
  try {
    claims = JSON.parse(new TextDecoder().decode(payload));
  } catch (cause) {
    throw new BffServerError('BFF_USERINFO_INVALID', { detail: 'userinfo payload is not JSON', cause });
  }
  if (typeof claims !== 'object' || claims === null || Array.isArray(claims))
    throw new BffServerError('BFF_USERINFO_INVALID', { detail: 'userinfo payload is not an object' });
  return claims as Record<string, unknown>;
}
