/**
 * Checks the shape of `GET /auth/session` before the app trusts it. The BFF validated and typed the
 * data; this guards against a proxy or an older BFF answering something else (e.g. an HTML page).
 */
import type { SessionResponse, UserData } from '@sgid-bff/protocol';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isIsoTime = (value: unknown): value is string =>
  typeof value === 'string' && !Number.isNaN(Date.parse(value));

/** The session described by `body`, or `null` when `body` is not a `SessionResponse`. */
export function parseSessionResponse(body: unknown): SessionResponse | null {
  if (!isRecord(body) || typeof body.authenticated !== 'boolean') return null;
  if (!body.authenticated) return { authenticated: false };
  const { sub, data, unknownData, scopes, loginAt, expiresAt, idleExpiresAt } = body;
  if (typeof sub !== 'string' || !isRecord(data)) return null;
  if (!isIsoTime(loginAt) || !isIsoTime(expiresAt) || !isIsoTime(idleExpiresAt)) return null;
  if (unknownData !== undefined && !isRecord(unknownData)) return null;
  const scopeList = Array.isArray(scopes) ? scopes.filter((s): s is string => typeof s === 'string') : [];
  return {
    authenticated: true,
    sub,
    // The BFF parsed every value with the protocol catalogue; the SDK passes them through unchanged.
    data: data as UserData,
    ...(unknownData === undefined ? {} : { unknownData: unknownData as Record<string, string> }),
    scopes: scopeList,
    loginAt,
    expiresAt,
    idleExpiresAt,
  };
}
