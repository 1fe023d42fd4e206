/**
 * The session as `GET /auth/session` serves it (`SessionResponse` in @sgid-bff/protocol). The identity part
 * is encoded once at login and stored as JSON text; each read only splices in the two expiry times, so the
 * hot path never parses or re-encodes personal data.
 *
 * Bookkeeping the SPA's session view must not show (the coarse device for "your sessions") follows the
 * JSON after a newline: `JSON.stringify` never emits a raw newline, so the split is unambiguous.
 */
import type { CorppassSession, SgidSession, SingpassSession } from '@sgid-bff/protocol';
import type { ProviderIdentity } from '../providers/provider';

export const ANONYMOUS_JSON = '{"authenticated":false}';

/** What is stored of each provider's session: the wire type without the fields each read adds. */
type Stored<T> = Omit<T, 'authenticated' | 'expiresAt' | 'idleExpiresAt'>;
type StoredPart = Stored<SgidSession> | Stored<SingpassSession> | Stored<CorppassSession>;

/** Sessions stored before sessions named their provider were all sgID's. */
const PROVIDER_PREFIX = '{"provider":';

/** Per-session bookkeeping stored beside the identity, never served by `GET /auth/session`. */
export interface SessionMeta {
  /** Coarse device from the User-Agent at login, e.g. "Chrome on Android". */
  device?: string;
}

/**
 * The stored payload: everything but `authenticated` and the expiry times (`provider` first, so the SPA
 * can narrow on it), then the bookkeeping. The wire types of @sgid-bff/protocol are the contract.
 */
export function encodeSessionPayload(
  identity: ProviderIdentity,
  loginAt: number,
  meta?: SessionMeta,
): string {
  const part = toStoredPart(identity, new Date(loginAt).toISOString());
  return meta ? `${JSON.stringify(part)}\n${JSON.stringify(meta)}` : JSON.stringify(part);
}

function toStoredPart(identity: ProviderIdentity, loginAt: string): StoredPart {
  switch (identity.provider) {
    case 'sgid': {
      const part: Stored<SgidSession> = {
        provider: 'sgid',
        sub: identity.sub,
        data: identity.data,
        scopes: identity.scopes,
        loginAt,
      };
      if (Object.keys(identity.unknownData).length > 0) part.unknownData = identity.unknownData;
      return part;
    }
    case 'singpass': {
      const part: Stored<SingpassSession> = {
        provider: 'singpass',
        sub: identity.sub,
        appType: identity.appType,
        scopes: identity.scopes,
        user: identity.user,
        loginAt,
      };
      if (identity.acr !== undefined) part.acr = identity.acr;
      if (identity.amr !== undefined) part.amr = identity.amr;
      if (identity.person !== undefined) part.person = identity.person;
      return part;
    }
    case 'corppass': {
      const part: Stored<CorppassSession> = {
        provider: 'corppass',
        sub: identity.sub,
        scopes: identity.scopes,
        entity: identity.entity,
        actor: identity.actor,
        authorisations: identity.authorisations,
        loginAt,
      };
      if (identity.acr !== undefined) part.acr = identity.acr;
      if (identity.amr !== undefined) part.amr = identity.amr;
      return part;
    }
  }
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
  const provider = identityJson.startsWith(PROVIDER_PREFIX) ? '' : '"provider":"sgid",';
  return `{"authenticated":true,${provider}${identityJson.slice(1, -1)},"expiresAt":"${expiresAt}","idleExpiresAt":"${idle}"}`;
}
