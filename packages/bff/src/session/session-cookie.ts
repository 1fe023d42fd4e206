/**
 * The session cookie, read and written in one place. Rules:
 * - the cookie holds a 256-bit random id; the store knows only its hash, so a store dump yields no cookie;
 * - a cookie that is not an id we issue is malformed (BFF_COOKIE_MALFORMED) and cleared, never looked up;
 * - an id the store does not know (ended, expired, revoked, another deployment's) is anonymous, and its
 *   cookie is cleared so the browser stops sending a dead id;
 * - the idle timer moves with activity, but is written only when it would move by a step (a tenth of the
 *   idle timeout, at most a minute), so a polling tab costs one indexed read, not a write per request.
 * Nothing here answers HTTP: callers get the `Set-Cookie` to send, as from `startLogin` and `consumeLogin`.
 */
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../app-context';
import { hashToken, isTokenShaped } from '../crypto/tokens';
import { readCookie, serializeCookie, serializeCookieDeletion } from '../http/cookies';
import type { StoredSession } from '../store/store';

/** The session settings this step needs. */
type SessionSettings = AppContext['config']['session'];

/** What the session-cookie step needs of the app context. */
export type SessionCookieContext = Pick<AppContext, 'store' | 'clock' | 'events'> & {
  readonly config: { readonly session: SessionSettings };
};

/** The session cookie as the browser sent it: none, not an id we issue, or an id with its store key. */
export type SessionCookie =
  | { readonly status: 'absent' }
  | { readonly status: 'malformed' }
  | { readonly status: 'present'; readonly idHash: string };

/** What a request's session cookie stands for, and the `Set-Cookie` to answer with, if any. */
export type LoadedSession =
  | { readonly status: 'live'; readonly session: StoredSession; readonly now: number }
  | { readonly status: 'malformed'; readonly setCookie: string }
  | {
      readonly status: 'anonymous';
      /** Why, for the log: a private detail, never shown to the user. */
      readonly reason: 'no session cookie' | 'session ended or unknown' | 'session ended during the request';
      readonly setCookie?: string;
    };

export function readSessionCookie(
  settings: Pick<SessionSettings, 'cookieName'>,
  request: Pick<FastifyRequest, 'headers'>,
): SessionCookie {
  const id = readCookie(request.headers.cookie, settings.cookieName);
  if (id === undefined) return { status: 'absent' };
  if (!isTokenShaped(id)) return { status: 'malformed' };
  return { status: 'present', idHash: hashToken(id) };
}

/**
 * The live session this request's cookie names, its idle timer extended when `extendIdle` (activity);
 * reading is not activity otherwise. A cookie of a session that had ended is counted
 * (`events.endedSessionCookie`).
 */
export async function loadSession(
  ctx: SessionCookieContext,
  request: Pick<FastifyRequest, 'headers'>,
  options: { readonly extendIdle: boolean },
): Promise<LoadedSession> {
  const settings = ctx.config.session;
  const cookie = readSessionCookie(settings, request);
  if (cookie.status === 'absent') return { status: 'anonymous', reason: 'no session cookie' };
  if (cookie.status === 'malformed') return { status: 'malformed', setCookie: clearSessionCookie(settings) };
  const now = ctx.clock();
  const stored = await ctx.store.readSession(cookie.idHash, now);
  if (!stored) {
    ctx.events.endedSessionCookie();
    await countExpiry(ctx, cookie.idHash, now);
    return {
      status: 'anonymous',
      reason: 'session ended or unknown',
      setCookie: clearSessionCookie(settings),
    };
  }
  if (!options.extendIdle) return { status: 'live', session: stored, now };
  const wanted = Math.min(now + settings.idleTimeoutMs, stored.absoluteExpiresAt);
  if (wanted - stored.idleExpiresAt < touchStep(settings)) return { status: 'live', session: stored, now };
  // Ended (logout, revocation, expiry) between the read and the write: never revived.
  if (!(await ctx.store.touchSession(cookie.idHash, wanted, now)))
    return { status: 'anonymous', reason: 'session ended during the request' };
  return { status: 'live', session: { ...stored, idleExpiresAt: wanted }, now };
}

/**
 * Why the session of a dead cookie ended (`sgid_bff_sessions_ended_total`), when the store can tell:
 * - it still holds the session, expired: idle or absolute expiry. Stores judge expiry by the caller's
 *   `now` (store.ts), so a read at time 0 answers the row whatever its age. SQLite, PostgreSQL and memory
 *   keep expired rows until the sweep; the row is deleted once counted, so it is counted once;
 * - it no longer holds it, and reports having evicted it (Redis under `maxmemory`, store.ts
 *   `takeEviction`, once per eviction): store eviction;
 * - otherwise a session that is gone tells nothing (expired and dropped by TTL or the sweep, revoked from
 *   another browser): not counted.
 * Best effort: a store failure here changes nothing of the answer.
 */
async function countExpiry(ctx: SessionCookieContext, idHash: string, now: number): Promise<void> {
  try {
    const expired = await ctx.store.readSession(idHash, 0);
    if (expired === undefined) {
      if (await ctx.store.takeEviction?.(idHash)) ctx.events.sessionEnded('store_eviction');
      return;
    }
    if (expired.idleExpiresAt > now) return;
    await ctx.store.deleteSession(idHash);
    ctx.events.sessionEnded(
      expired.idleExpiresAt >= expired.absoluteExpiresAt ? 'absolute_expiry' : 'idle_expiry',
    );
  } catch {
    // Counting only: the request is anonymous either way.
  }
}

/** The smallest move of the idle expiry worth a store write. */
function touchStep(settings: Pick<SessionSettings, 'idleTimeoutMs'>): number {
  return Math.min(60_000, Math.floor(settings.idleTimeoutMs / 10));
}

/** The `Set-Cookie` handing session `sessionId` to the browser (a browser-session cookie: no Max-Age). */
export function sessionSetCookie(
  settings: Pick<SessionSettings, 'cookieName' | 'sameSite'>,
  sessionId: string,
): string {
  return serializeCookie(settings.cookieName, sessionId, { sameSite: settings.sameSite });
}

/** The `Set-Cookie` that removes the session cookie from the browser. */
export function clearSessionCookie(settings: Pick<SessionSettings, 'cookieName'>): string {
  return serializeCookieDeletion(settings.cookieName);
}
