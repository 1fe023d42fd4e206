/**
 * Validate a Singpass client's public JWKS (SINGPASS-CORPPASS-FAPI.md §3 "Keys", §8.1):
 * - every key `kty: EC` on P-256, P-384 or P-521, with no private part (`d`);
 * - every `kid` present and unique (Singpass selects keys by `kid`);
 * - at least one `use: sig` key and one `use: enc` key;
 * - every enc key has `alg` ECDH-ES+A128KW, +A192KW or +A256KW (the ID token's key wrap follows it).
 * Returns every problem at once; an empty list means valid.
 */
import { SINGPASS_ENC_KEY_ALGS } from '../constants';

const CURVES = ['P-256', 'P-384', 'P-521'];

export function validateClientJwks(input: unknown): string[] {
  const keys = (input as { keys?: unknown } | null)?.keys;
  if (typeof input !== 'object' || input === null || !Array.isArray(keys)) {
    return ['must be a JWK set {"keys": [...]}'];
  }
  const problems: string[] = [];
  const kids = new Set<string>();
  let sig = 0;
  let enc = 0;
  keys.forEach((key: unknown, index) => {
    const jwk = (typeof key === 'object' && key !== null ? key : {}) as Record<string, unknown>;
    const at = `key ${index}`;
    if (jwk.kty !== 'EC') problems.push(`${at}: kty must be EC`);
    if (typeof jwk.crv !== 'string' || !CURVES.includes(jwk.crv))
      problems.push(`${at}: crv must be P-256, P-384 or P-521`);
    if (typeof jwk.x !== 'string' || typeof jwk.y !== 'string') problems.push(`${at}: x and y are required`);
    if ('d' in jwk) problems.push(`${at}: must be a public key (no "d")`);
    if (typeof jwk.kid !== 'string' || jwk.kid === '') problems.push(`${at}: kid is required`);
    else if (kids.has(jwk.kid)) problems.push(`${at}: kid ${jwk.kid} is not unique`);
    else kids.add(jwk.kid);
    if (jwk.use === 'sig') sig += 1;
    else if (jwk.use === 'enc') {
      enc += 1;
      if (typeof jwk.alg !== 'string' || !(SINGPASS_ENC_KEY_ALGS as readonly string[]).includes(jwk.alg))
        problems.push(`${at}: an enc key needs alg ${SINGPASS_ENC_KEY_ALGS.join(', ')}`);
    } else problems.push(`${at}: use must be sig or enc`);
  });
  if (sig === 0) problems.push('needs at least one key with use "sig"');
  if (enc === 0) problems.push('needs at least one key with use "enc"');
  return problems;
}
