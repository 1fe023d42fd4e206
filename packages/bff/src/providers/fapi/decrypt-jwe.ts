/**
 * Decrypts what Singpass encrypts to the RP: the ID token and the userinfo answer (SINGPASS-CORPPASS-FAPI.md
 * §4.9, §4.10, §6.5). Rules, checked before any cryptography runs:
 * - only a compact JWE is accepted (five parts); a bare JWS (three parts) is refused, never verified as is;
 * - `alg` is one of ECDH-ES+A128KW, +A192KW, +A256KW and `enc` is A256CBC-HS512 or A256GCM (Singpass uses
 *   CBC-HS512 for ID tokens and GCM for userinfo); `zip` is refused;
 * - the key is the RP enc key the header's `kid` names, so old and new enc keys both work during rotation;
 *   no `kid`, or an unknown one, is refused rather than tried against every key.
 * Callers map each `JweRejected` reason to their own `BFF_*` code.
 */
import { compactDecrypt, decodeProtectedHeader, errors } from 'jose';
import { ENC_KEY_ALGS, type EncryptionKey } from './client-keys';

export const JWE_KEY_ALGS: readonly string[] = ENC_KEY_ALGS;
export const JWE_CONTENT_ENCS: readonly string[] = ['A256CBC-HS512', 'A256GCM'];

export type JweFailure = 'not-encrypted' | 'alg-rejected' | 'unknown-key' | 'decrypt-failed';

export class JweRejected extends Error {
  readonly reason: JweFailure;
  constructor(reason: JweFailure, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'JweRejected';
    this.reason = reason;
  }
}

/** The plaintext (UTF-8) of a compact JWE encrypted to one of `keys`, or a `JweRejected`. */
export async function decryptJwe(jwe: string, keys: ReadonlyMap<string, EncryptionKey>): Promise<string> {
  if (jwe.split('.').length !== 5) throw new JweRejected('not-encrypted', 'not a compact JWE');
  let header: Record<string, unknown>;
  try {
    header = decodeProtectedHeader(jwe);
  } catch (cause) {
    throw new JweRejected('decrypt-failed', 'JWE header does not decode', { cause });
  }
  const { alg, enc, kid, zip } = header;
  if (
    typeof alg !== 'string' ||
    !JWE_KEY_ALGS.includes(alg) ||
    typeof enc !== 'string' ||
    !JWE_CONTENT_ENCS.includes(enc)
  )
    throw new JweRejected(
      'alg-rejected',
      `JWE alg ${String(alg).slice(0, 30)} enc ${String(enc).slice(0, 30)}`,
    );
  if (zip !== undefined) throw new JweRejected('alg-rejected', 'JWE is compressed (zip)');
  const key = typeof kid === 'string' ? keys.get(kid) : undefined;
  if (!key)
    throw new JweRejected('unknown-key', `JWE kid ${String(kid).slice(0, 60)} is not one of our enc keys`);
  try {
    const { plaintext } = await compactDecrypt(jwe, key.key, {
      keyManagementAlgorithms: [...JWE_KEY_ALGS],
      contentEncryptionAlgorithms: [...JWE_CONTENT_ENCS],
    });
    return new TextDecoder('utf-8', { fatal: true }).decode(plaintext);
  } catch (cause) {
    if (cause instanceof errors.JOSEAlgNotAllowed)
      throw new JweRejected('alg-rejected', cause.message, { cause });
    throw new JweRejected('decrypt-failed', 'JWE does not decrypt with the named key', { cause });
  }
}
