/**
 * What the FAPI token and userinfo endpoints hand out (§4.8–4.10; §8.2 rows 21, 22, 26):
 * - the access token: an ES256 JWT (`typ: at+jwt`, RFC 9068) with `cnf.jkt` (RFC 9449 §6), 1800 s (Corppass 600 s);
 * - the ID token: an ES256 JWS (`typ: JWT`, the OP `kid`) nested in a JWE to the client's enc key
 *   (`alg` = the key's, `enc: A256CBC-HS512`, `cty: JWT`, the client `kid`); the `enc-alg-swap` fault
 *   uses `ECDH-ES` direct with `A128CBC-HS256` instead, both off the allow-list; `bad-signature` and
 *   `unknown-kid` spoil the inner JWS;
 * - userinfo: an ES256 JWS of `{sub, aud, iss, iat, person_info}` nested in a JWE with `A256GCM`.
 */
import { CompactEncrypt, importJWK, type JWK, type JWTPayload, SignJWT } from 'jose';
import { ID_TOKEN_ENC, USERINFO_ENC } from '../constants';
import type { OpSigningKey } from './op-signing-key';

async function sign(key: OpSigningKey, claims: JWTPayload, typ: string, kid = key.kid): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: 'ES256', typ, kid }).sign(key.privateKey);
}

/** Flip bits in the signature so it no longer verifies (the `bad-signature` fault). */
function corrupt(jws: string): string {
  const [header, payload, signature = ''] = jws.split('.');
  const bytes = Buffer.from(signature, 'base64url');
  bytes[0] = (bytes[0] ?? 0) ^ 0xff;
  return `${header}.${payload}.${bytes.toString('base64url')}`;
}

/** ID-token-shaped faults: the envelope (`enc-alg-swap`), the signature, the `kid`. */
export interface IdTokenFaults {
  swapAlgorithms: boolean;
  corruptSignature: boolean;
  unknownKid: boolean;
}

async function encrypt(
  jws: string,
  encKey: JWK & { alg: string; kid: string },
  alg: string,
  enc: string,
  header: 'cty-jwt' | 'typ-jwe' = 'cty-jwt',
): Promise<string> {
  const key = await importJWK(encKey, alg);
  const kind = header === 'cty-jwt' ? { cty: 'JWT' } : { typ: 'JWE' };
  return new CompactEncrypt(new TextEncoder().encode(jws))
    .setProtectedHeader({ alg, enc, ...kind, kid: encKey.kid })
    .encrypt(key);
}

export function signAccessToken(
  key: OpSigningKey,
  claims: JWTPayload & { cnf: { jkt: string } },
): Promise<string> {
  return sign(key, claims, 'at+jwt');
}

export async function issueIdToken(
  key: OpSigningKey,
  claims: JWTPayload,
  encKey: JWK & { alg: string; kid: string },
  faults: IdTokenFaults,
): Promise<string> {
  const signed = await sign(key, claims, 'JWT', faults.unknownKid ? 'unknown-kid' : key.kid);
  const jws = faults.corruptSignature ? corrupt(signed) : signed;
  return faults.swapAlgorithms
    ? encrypt(jws, encKey, 'ECDH-ES', 'A128CBC-HS256')
    : encrypt(jws, encKey, encKey.alg, ID_TOKEN_ENC);
}

/** `header`: Singpass's JWE says `cty: JWT`; Corppass's `typ: JWE` and no `cty` (§4.10). */
export async function issueUserinfo(
  key: OpSigningKey,
  claims: JWTPayload,
  encKey: JWK & { alg: string; kid: string },
  header: 'cty-jwt' | 'typ-jwe' = 'cty-jwt',
): Promise<string> {
  return encrypt(await sign(key, claims, 'JWT'), encKey, encKey.alg, USERINFO_ENC, header);
}
