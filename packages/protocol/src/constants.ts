/**
 * sgID v2 constants shared by the BFF, the emulator and the browser SDK (SGID-PROTOCOL.md §2, §6).
 * Values only: no I/O, no crypto.
 */

/** The production sgID host. Only its origin matters: the official SDK discards any path. */
export const SGID_DEFAULT_HOSTNAME = 'https://api.id.gov.sg';

/** Paths of the v2 API, relative to the origin. */
export const SGID_PATHS = {
  authorize: '/v2/oauth/authorize',
  token: '/v2/oauth/token',
  userinfo: '/v2/oauth/userinfo',
  jwks: '/v2/.well-known/jwks.json',
  discovery: '/v2/.well-known/openid-configuration',
} as const;

/** The issuer for an sgID origin: `<origin>/v2`, exactly (SGID-PROTOCOL.md §2, §5). */
export function issuerForHostname(hostname: string): string {
  return `${new URL(hostname).origin}/v2`;
}

/** The one ID-token signature algorithm sgID uses; anything else is rejected. */
export const ID_TOKEN_ALG = 'RS256';

/**
 * sgID's userinfo encryption (SGID-PROTOCOL.md §6): `key` is a JWE to the client's RSA key carrying a
 * fresh 128-bit AES key; every `data` field is a JWE under that key.
 */
export const SGID_JWE_ALGS = {
  keyAlg: 'RSA-OAEP-256',
  keyEnc: 'A256GCM',
  fieldAlg: 'A128GCMKW',
  fieldEnc: 'A128GCM',
} as const;

/**
 * What MockPass 4.3.4 uses instead (SGID-PROTOCOL.md §10 item 5). Accepted by the BFF only with the
 * `mockpass` compatibility option, never by default.
 */
export const MOCKPASS_JWE_ALGS = {
  keyAlg: 'RSA-OAEP',
  keyEnc: 'A128CBC-HS256',
  fieldAlg: 'dir',
  fieldEnc: 'A256GCM',
} as const;

/** The value sgID sends for a data item the person does not have. */
export const NOT_AVAILABLE = 'NA';

/** The scope every request must include. */
export const OPENID_SCOPE = 'openid';

/** PKCE verifier rules (RFC 7636 §4.1) and the S256 challenge shape (43 base64url characters). */
export const PKCE_VERIFIER_PATTERN = /^[A-Za-z0-9\-._~]{43,128}$/;
export const PKCE_S256_CHALLENGE_PATTERN = /^[A-Za-z0-9_-]{43}$/;
