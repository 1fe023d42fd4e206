/**
 * The session as `GET /auth/session` serves it (`SessionResponse` in @sgid-bff/protocol). The identity part
 * is encoded once at login and stored as JSON text; each read only splices in the two expiry times, so the
 * hot path never parses or re-encodes personal data.
 *
 * Bookkeeping the SPA's session view must not show (the coarse device for "your sessions") follows the
 * JSON after a newline: `JSON.stringify` never emits a raw newline, so the split is unambiguous.
 */
import type { AuthenticatedSession } from '@sgid-bff/protocol';
import type { LoginIdentity } from '../provider/provider-client';

export const ANONYMOUS_JSON = '{"authenticated":false}';

type StoredPart = Pick<AuthenticatedSession, 'sub' | 'data' | 'unknownData' | 'scopes' | 'loginAt'>;

/** Per-session bookkeeping stored beside the identity, never served by `GET /auth/session`. */
export interface SessionMeta {
  /** Coarse device from the User-Agent at login, e.g. "Chrome on Android". */
  device?: string;
}

/** The stored payload: everything but `authenticated` and the expiry times, then the bookkeeping. */
export function encodeSessionPayload(identity: LoginIdentity, loginAt: number, meta?: SessionMeta): string {
  const part: StoredPart = {
    sub: identity.sub,
    data: identity.data,
    scopes: identity.scopes,
    loginAt: new Date(loginAt).toISOString(),
  };
  if (Object.keys(identity.unknownData).length > 0) part.unknownData = identity.unknownData;
  return meta ? `${JSON.stringify(part)}\n${JSON.stringify(meta)}` : JSON.stringify(part);
}

/** The identity JSON and the bookkeeping of a stored payload. */
export function splitSessionPayload(payload: string): { identityJson: string; meta: SessionMeta } {
  const end = payload.indexOf('\n');
  if (end === -1) return { identityJson: payload, meta: {} };
  let meta: SessionMeta = {};
  try {
    meta = JSON.parse(payload.slice(end + 1)) as SessionMeta;
  } catch {
    // Bookkeeping is best effort; the identity part is what matters.
  }
  return { identityJson: payload.slice(0, end), meta };
}

/** `{"authenticated":true, ...payload, "expiresAt", "idleExpiresAt"}` without re-encoding the payload. */
export function renderSessionJson(payload: string, absoluteExpiresAt: number, idleExpiresAt: number): string {
  const expiresAt = new Date(absoluteExpiresAt).toISOString();
  const idle = new Date(idleExpiresAt).toISOString();
  const end = payload.indexOf('\n');
  const identityJson = end === -1 ? payload : payload.slice(0, end);
  return `{"authenticated":true,${identityJson.slice(1, -1)},"expiresAt":"${expiresAt}","idleExpiresAt":"${idle}"}`;
}
