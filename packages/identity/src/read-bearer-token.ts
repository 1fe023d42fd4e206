/**
 * The token out of an `Authorization` header value (or a bare token). Rules:
 * - nothing, or only whitespace, is `IDENTITY_TOKEN_MISSING`;
 * - a credential of another scheme (`Basic …`) is malformed, as is anything longer than 8 KiB (the BFF's
 *   tokens are well under 2 KiB; no parser runs on a megabyte of header);
 * - the scheme is case-insensitive (RFC 7235 §2.1), the token a JWS Compact Serialization: three
 *   base64url parts (RFC 7515 §7.1).
 */
import { IdentityError } from './errors';

const MAX_LENGTH = 8192;
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

export function readBearerToken(value: string | null | undefined): string {
  const text = (value ?? '').trim();
  if (text === '' || text.toLowerCase() === 'bearer') throw new IdentityError('IDENTITY_TOKEN_MISSING');
  if (text.length > MAX_LENGTH) throw new IdentityError('IDENTITY_TOKEN_MALFORMED', { detail: 'too long' });
  const space = text.indexOf(' ');
  let token = text;
  if (space !== -1) {
    if (text.slice(0, space).toLowerCase() !== 'bearer')
      throw new IdentityError('IDENTITY_TOKEN_MALFORMED', { detail: 'not a Bearer credential' });
    token = text.slice(space + 1).trim();
    if (token === '') throw new IdentityError('IDENTITY_TOKEN_MISSING');
  }
  if (!COMPACT_JWS.test(token))
    throw new IdentityError('IDENTITY_TOKEN_MALFORMED', { detail: 'not a compact JWS' });
  return token;
}
