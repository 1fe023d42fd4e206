/**
 * The session as `GET /auth/session` serves it (`SessionResponse` in @sgid-bff/protocol). The identity part
 * is encoded once at login and stored as JSON text; each read only splices in the two expiry times, so the
 * hot path never parses or re-encodes personal data.
 */
import type { AuthenticatedSession } from '@sgid-bff/protocol';
import type { LoginIdentity } from '../provider/provider-client';

export const ANONYMOUS_JSON = '{"authenticated":false}';

type StoredPart = Pick<AuthenticatedSession, 'sub' | 'data' | 'unknownData' | 'scopes' | 'loginAt'>;

/** The stored payload: everything but `authenticated` and the expiry times. */
export function encodeSessionPayload(identity: LoginIdentity, loginAt: number): string {
  const part: StoredPart = {
    sub: identity.sub,
    data: identity.data,
    scopes: identity.scopes,
    loginAt: new Date(loginAt).toISOString(),
  };
  if (Object.keys(identity.unknownData).length > 0) part.unknownData = identity.unknownData;
  return JSON.stringify(part);
}

/** `{"authenticated":true, ...payload, "expiresAt", "idleExpiresAt"}` without re-encoding the payload. */
export function renderSessionJson(payload: string, absoluteExpiresAt: number, idleExpiresAt: number): string {
  const expiresAt = new Date(absoluteExpiresAt).toISOString();
  const idle = new Date(idleExpiresAt).toISOString();
  return `{"authenticated":true,${payload.slice(1, -1)},"expiresAt":"${expiresAt}","idleExpiresAt":"${idle}"}`;
}
