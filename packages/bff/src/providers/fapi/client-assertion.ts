/**
 * `private_key_jwt` client assertion for PAR and token (SINGPASS-CORPPASS-FAPI.md §4.5, §6.3). Rules:
 * - header `{alg: 'ES256', typ: 'JWT', kid}`, signed with the newest signing key (`client-keys.ts`);
 * - `iss` = `sub` = `client_id`; `aud` = the issuer string exactly, never an endpoint URL;
 * - `exp` = `iat` + 60 (Singpass allows ≤ 120 s), and a fresh random `jti` on every call: Singpass
 *   rejects a reused one, and an assertion is never cached.
 */
import { randomBytes } from 'node:crypto';
import { SignJWT } from 'jose';
import type { SigningKey } from './client-keys';

export const CLIENT_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
export const CLIENT_ASSERTION_LIFETIME_SECONDS = 60;

export interface ClientAssertionOptions {
  clientId: string;
  issuer: string;
  key: SigningKey;
  /** Milliseconds since the epoch, from the injected clock. */
  now: number;
}

export function createClientAssertion(options: ClientAssertionOptions): Promise<string> {
  const iat = Math.floor(options.now / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg: 'ES256', typ: 'JWT', kid: options.key.kid })
    .setIssuer(options.clientId)
    .setSubject(options.clientId)
    .setAudience(options.issuer)
    .setIssuedAt(iat)
    .setExpirationTime(iat + CLIENT_ASSERTION_LIFETIME_SECONDS)
    .setJti(randomBytes(32).toString('base64url'))
    .sign(options.key.key);
}

/** The form fields that carry the assertion. */
export async function clientAssertionFields(
  options: ClientAssertionOptions,
): Promise<Record<string, string>> {
  return {
    client_id: options.clientId,
    client_assertion_type: CLIENT_ASSERTION_TYPE,
    client_assertion: await createClientAssertion(options),
  };
}
