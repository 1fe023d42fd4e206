/**
 * Userinfo decryption (SGID-PROTOCOL.md §6) with pinned algorithms:
 * - `key` must use a profile's key algorithms (sgID: RSA-OAEP-256/A256GCM) and carry an `oct` JWK of the
 *   profile's size; every field must use that profile's field algorithms (sgID: A128GCMKW/A128GCM);
 * - MockPass's algorithms (RSA-OAEP/A128CBC-HS256, dir/A256GCM) are a profile only with `SGID_COMPAT=mockpass`;
 * - only requested scopes are decrypted (data minimisation: MockPass sends NRIC unasked);
 * - any field that does not decrypt fails the whole login (`BFF_USERINFO_DECRYPT_FAILED`).
 */
import type { KeyObject } from 'node:crypto';
import { MOCKPASS_JWE_ALGS, SGID_JWE_ALGS, type UserinfoResponse } from '@sgid-bff/protocol';
import { compactDecrypt, decodeProtectedHeader } from 'jose';
import { z } from 'zod';
import { BffServerError } from '../../errors';
import { decryptGcmKwJwe, importGcmKwKey } from './decrypt-gcmkw-jwe';

export interface JweProfile {
  name: string;
  keyAlg: string;
  keyEnc: string;
  fieldAlg: string;
  fieldEnc: string;
  /** Size of the symmetric key carried in `key`. */
  keyBytes: number;
}

const SGID_PROFILE: JweProfile = { name: 'sgid', ...SGID_JWE_ALGS, keyBytes: 16 };
const MOCKPASS_PROFILE: JweProfile = { name: 'mockpass', ...MOCKPASS_JWE_ALGS, keyBytes: 32 };

/** The allowlist: sgID's profile, plus MockPass's only in compatibility mode. */
export function selectJweProfiles(compat: 'none' | 'mockpass'): readonly JweProfile[] {
  return compat === 'mockpass' ? [SGID_PROFILE, MOCKPASS_PROFILE] : [SGID_PROFILE];
}

const PayloadKey = z.object({ kty: z.literal('oct'), k: z.string().min(1) });
const decoder = new TextDecoder('utf-8', { fatal: true });

export async function decryptUserinfo(
  userinfo: UserinfoResponse,
  privateKey: KeyObject,
  profiles: readonly JweProfile[],
  requestedScopes: readonly string[],
): Promise<Record<string, string>> {
  const wanted = Object.entries(userinfo.data ?? {}).filter(([scope]) => requestedScopes.includes(scope));
  if (wanted.length === 0) return {};
  if (!userinfo.key)
    throw new BffServerError('BFF_USERINFO_INVALID', { detail: 'userinfo has data but no key' });

  const keyHeader = readHeader(userinfo.key, 'key');
  const profile = profiles.find((p) => p.keyAlg === keyHeader.alg && p.keyEnc === keyHeader.enc);
  if (!profile)
    throw new BffServerError('BFF_JWE_ALG_REJECTED', {
      detail: `key JWE uses ${keyHeader.alg}/${keyHeader.enc}`,
    });
  const payloadKey = await decryptPayloadKey(userinfo.key, privateKey, profile);

  const values = await Promise.all(
    wanted.map(async ([scope, jwe]) => {
      const header = readHeader(jwe, scope);
      if (header.alg !== profile.fieldAlg || header.enc !== profile.fieldEnc)
        throw new BffServerError('BFF_JWE_ALG_REJECTED', {
          detail: `${scope} JWE uses ${header.alg}/${header.enc}`,
        });
      try {
        return [scope, decoder.decode(await payloadKey.decrypt(jwe))] as const;
      } catch (cause) {
        throw new BffServerError('BFF_USERINFO_DECRYPT_FAILED', {
          detail: `${scope} does not decrypt`,
          cause,
        });
      }
    }),
  );
  return Object.fromEntries(values);
}

async function decryptPayloadKey(
  jwe: string,
  privateKey: KeyObject,
  profile: JweProfile,
): Promise<FieldDecrypter> {
  try {
    const { plaintext } = await compactDecrypt(jwe, privateKey, {
      keyManagementAlgorithms: [profile.keyAlg],
      contentEncryptionAlgorithms: [profile.keyEnc],
    });
    const jwk = PayloadKey.parse(JSON.parse(decoder.decode(plaintext)));
    const bytes = Buffer.from(jwk.k, 'base64url');
    if (bytes.length !== profile.keyBytes) throw new Error(`payload key is ${bytes.length} bytes`);
    return await importPayloadKey(new Uint8Array(bytes), profile);
  } catch (cause) {
    throw new BffServerError('BFF_USERINFO_DECRYPT_FAILED', {
      detail: 'the payload key does not decrypt',
      cause,
    });
  }
}

/** Decrypts one field JWE with the payload key, under the profile's field algorithms only. */
interface FieldDecrypter {
  decrypt(jwe: string): Promise<Uint8Array>;
}

/**
 * The payload key, imported once per userinfo answer (handed raw bytes, jose would import them again for
 * every field). sgID's A128GCMKW/A128GCM fields decrypt with node:crypto (decrypt-gcmkw-jwe.ts, same
 * algorithm pinning); MockPass's go through jose with the profile's algorithms as its allowlist.
 */
async function importPayloadKey(
  bytes: Uint8Array<ArrayBuffer>,
  profile: JweProfile,
): Promise<FieldDecrypter> {
  if (profile.fieldAlg === 'A128GCMKW' && profile.fieldEnc === 'A128GCM') {
    const key = importGcmKwKey(bytes);
    return { decrypt: async (jwe) => decryptGcmKwJwe(jwe, key) };
  }
  const options = {
    keyManagementAlgorithms: [profile.fieldAlg],
    contentEncryptionAlgorithms: [profile.fieldEnc],
  };
  const key =
    profile.fieldAlg === 'dir' && /^A(128|192|256)GCM$/.test(profile.fieldEnc)
      ? await crypto.subtle.importKey('raw', bytes, { name: 'AES-GCM', length: bytes.length * 8 }, false, [
          'decrypt',
        ])
      : bytes;
  return { decrypt: async (jwe) => (await compactDecrypt(jwe, key, options)).plaintext };
}

function readHeader(jwe: string, what: string): { alg: string; enc: string } {
  try {
    const { alg, enc } = decodeProtectedHeader(jwe);
    return { alg: String(alg).slice(0, 30), enc: String(enc).slice(0, 30) };
  } catch (cause) {
    throw new BffServerError('BFF_USERINFO_DECRYPT_FAILED', {
      detail: `${what} is not a compact JWE`,
      cause,
    });
  }
}
