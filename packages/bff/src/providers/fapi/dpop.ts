/**
 * DPoP (RFC 9449; SINGPASS-CORPPASS-FAPI.md §4.6, §6.1, §6.3). Rules:
 * - a **fresh P-256 key pair per login**, made at `beginLogin`; its private JWK travels only in the
 *   server-side login transaction (`providerData`) and is used for that login's PAR, token and userinfo
 *   calls, never for another login and never the client's signing key;
 * - proofs: header `{typ: 'dpop+jwt', alg: 'ES256', jwk: <public part only>}`; claims `htm`, `htu` (the
 *   endpoint URL from discovery without query or fragment), `iat`, a fresh `jti`, `exp` = `iat` + 60
 *   (sent although the July 2026 docs call it optional, §9.3), `ath` = base64url(SHA-256(access token))
 *   on userinfo, and `nonce` when the server gave one.
 */
import { createHash, createPrivateKey, generateKeyPairSync, type KeyObject, randomBytes } from 'node:crypto';
import { calculateJwkThumbprint, type JWK, SignJWT } from 'jose';
import { z } from 'zod';

export const DPOP_PROOF_LIFETIME_SECONDS = 60;

/** The per-login key as the transaction stores it: a private P-256 JWK. */
export type DpopPrivateJwk = { kty: 'EC'; crv: 'P-256'; x: string; y: string; d: string };

export interface DpopKey {
  privateKey: KeyObject;
  publicJwk: { kty: 'EC'; crv: 'P-256'; x: string; y: string };
}

const StoredDpopKey = z.object({
  kty: z.literal('EC'),
  crv: z.literal('P-256'),
  x: z.string().min(1),
  y: z.string().min(1),
  d: z.string().min(1),
});

/** A new key pair for one login. */
export function generateDpopKey(): DpopPrivateJwk {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return StoredDpopKey.parse(privateKey.export({ format: 'jwk' }));
}

/** The stored key back from the transaction (untrusted JSON), or undefined when it is not one. */
export function readDpopKey(stored: unknown): DpopKey | undefined {
  const parsed = StoredDpopKey.safeParse(stored);
  if (!parsed.success) return undefined;
  const { d: _d, ...publicJwk } = parsed.data;
  try {
    return { privateKey: createPrivateKey({ key: parsed.data, format: 'jwk' }), publicJwk };
  } catch {
    return undefined;
  }
}

/** RFC 7638 thumbprint of the key, as the server binds the code and access token to it (`cnf.jkt`). */
export function dpopThumbprint(key: DpopKey): Promise<string> {
  return calculateJwkThumbprint(key.publicJwk as JWK, 'sha256');
}

export interface DpopProofRequest {
  key: DpopKey;
  htm: 'GET' | 'POST';
  /** The endpoint URL as discovery gave it; any query or fragment is dropped (RFC 9449 §4.2). */
  htu: string;
  /** Milliseconds since the epoch, from the injected clock. */
  now: number;
  nonce?: string;
  accessToken?: string;
}

export function createDpopProof(request: DpopProofRequest): Promise<string> {
  const iat = Math.floor(request.now / 1000);
  const htu = new URL(request.htu);
  htu.search = '';
  htu.hash = '';
  const claims: Record<string, string> = { htm: request.htm, htu: htu.href };
  if (request.nonce !== undefined) claims.nonce = request.nonce;
  if (request.accessToken !== undefined)
    claims.ath = createHash('sha256').update(request.accessToken).digest('base64url');
  return new SignJWT(claims)
    .setProtectedHeader({ typ: 'dpop+jwt', alg: 'ES256', jwk: request.key.publicJwk })
    .setIssuedAt(iat)
    .setExpirationTime(iat + DPOP_PROOF_LIFETIME_SECONDS)
    .setJti(randomBytes(32).toString('base64url'))
    .sign(request.key.privateKey);
}
