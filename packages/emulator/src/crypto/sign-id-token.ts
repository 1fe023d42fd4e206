/**
 * The ID token (SGID-PROTOCOL.md §5): RS256 with the `kid` of the published key; claims `iss`, `sub`,
 * `aud` (a single string), `exp`, `iat` (integers) and `nonce` only when the request carried one. No
 * personal data. The token-shaped faults are applied here so a relying party can prove it rejects them.
 */
import { randomBytes } from 'node:crypto';
import { ID_TOKEN_ALG } from '@sgid-bff/protocol';
import { SignJWT } from 'jose';
import type { FaultName } from '../faults';
import type { SigningKey } from './signing-key';

export interface IdTokenInput {
  issuer: string;
  sub: string;
  clientId: string;
  nonce: string | undefined;
  /** Seconds since the epoch, from the injected clock. */
  now: number;
  ttlSeconds: number;
  /** Token-shaped faults active for the client. */
  faults: ReadonlySet<FaultName>;
}

/** Make the signature fail to verify while keeping the token well-formed. */
function corruptSignature(jwt: string): string {
  const [header, payload, signature = ''] = jwt.split('.');
  const bytes = Buffer.from(signature, 'base64url');
  bytes[0] = (bytes[0] ?? 0) ^ 0xff;
  return `${header}.${payload}.${bytes.toString('base64url')}`;
}

/** Sign an ID token with the emulator key. */
export async function signIdToken(key: SigningKey, input: IdTokenInput): Promise<string> {
  const { faults } = input;
  const claims: Record<string, string | number> = {
    iss: faults.has('wrong-iss') ? 'https://attacker.example/v2' : input.issuer,
    sub: input.sub,
    aud: faults.has('wrong-aud') ? `not-${input.clientId}` : input.clientId,
    // An expired token: issued two lifetimes ago, so `exp` lies a whole lifetime in the past.
    iat: faults.has('expired-id-token') ? input.now - 2 * input.ttlSeconds : input.now,
    exp: faults.has('expired-id-token') ? input.now - input.ttlSeconds : input.now + input.ttlSeconds,
  };
  if (faults.has('wrong-nonce')) claims.nonce = randomBytes(32).toString('base64url');
  else if (input.nonce !== undefined) claims.nonce = input.nonce;

  const kid = faults.has('unknown-kid') ? `unknown-${randomBytes(8).toString('hex')}` : key.kid;
  const jwt = await new SignJWT(claims)
    .setProtectedHeader({ alg: ID_TOKEN_ALG, kid, typ: 'JWT' })
    .sign(key.privateKey);
  return faults.has('bad-signature') ? corruptSignature(jwt) : jwt;
}
