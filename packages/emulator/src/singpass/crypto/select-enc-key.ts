/**
 * The client key a response is encrypted to (§4.9, §8.2 row 22): the first `use: enc` key whose `alg` is
 * one of the allowed ECDH-ES key wraps; the JWE `alg` follows the key's, the header names its `kid`.
 */
import type { JWK } from 'jose';
import { EmulatorError } from '../../errors';
import { SINGPASS_ENC_KEY_ALGS } from '../constants';

export function selectEncryptionKey(keys: readonly JWK[]): JWK & { alg: string; kid: string } {
  const key = keys.find(
    (jwk) => jwk.use === 'enc' && (SINGPASS_ENC_KEY_ALGS as readonly string[]).includes(jwk.alg ?? ''),
  );
  if (key?.alg === undefined || key.kid === undefined) {
    throw new EmulatorError('EMU_CLIENT_JWKS_UNREACHABLE', {
      description: "The client's JWKS has no usable enc key.",
    });
  }
  return key as JWK & { alg: string; kid: string };
}
