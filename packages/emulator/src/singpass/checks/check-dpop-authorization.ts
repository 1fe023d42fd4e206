/**
 * Userinfo `Authorization` (§4.10; §8.2 rows 23, 24; RFC 9449 §7.1):
 * - the scheme is `DPoP` (a `Bearer` or missing header → `invalid_token`);
 * - the token is an ES256 JWT signed by this provider, unexpired, for this issuer, and still recorded
 *   (not revoked by a code replay) → else `invalid_token`;
 * - returns the token and its grant; the caller then checks the proof's key against `cnf.jkt`
 *   (`invalid_dpop_proof`).
 */
import type { KeyObject } from 'node:crypto';
import { jwtVerify } from 'jose';
import { EmulatorError } from '../../errors';
import type { FapiStore, SingpassAccessGrant } from '../state/fapi-store';

function invalidToken(description: string, cause?: unknown): EmulatorError {
  return new EmulatorError('EMU_INVALID_TOKEN', { description, cause });
}

export async function checkDpopAuthorization(
  authorization: string | undefined,
  input: { key: KeyObject; issuer: string; store: FapiStore; now: number },
): Promise<{ token: string; grant: SingpassAccessGrant; jkt: string }> {
  const match = /^DPoP ([A-Za-z0-9\-_.~+/]+=*)$/.exec(authorization ?? '');
  if (match?.[1] === undefined) throw invalidToken('Authorization must use the DPoP scheme');
  const token = match[1];
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(token, input.key, {
      issuer: input.issuer,
      algorithms: ['ES256'],
      currentDate: new Date(input.now * 1000),
    }));
  } catch (cause) {
    throw invalidToken('the access token is invalid or expired', cause);
  }
  const grant = typeof payload.jti === 'string' ? input.store.findAccessToken(payload.jti) : undefined;
  const jkt = (payload.cnf as { jkt?: unknown } | undefined)?.jkt;
  if (grant === undefined || typeof jkt !== 'string')
    throw invalidToken('the access token is unknown or revoked');
  return { token, grant, jkt };
}
