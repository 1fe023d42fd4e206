/**
 * The identity tokens already signed, so that a session calling the same API again reuses its token
 * instead of paying a signature per call (issue #16). What makes reuse safe:
 * - **one entry per session and route** (`idHash` + the route's prefix): a token is never looked up under
 *   another session's key, and the entry also remembers which session it was signed for;
 * - **the same claims**: an entry is served only if the session's subject, its stored payload (identity and
 *   data) and the Corppass roles the route granted are exactly those it was signed from; anything else
 *   signs a new token (the caller then stores it in place of the old one);
 * - **refreshed before it expires**: served only during the first half of its lifetime, so an upstream
 *   always receives a token with at least half its TTL left (60 s by default: reused for 30 s);
 * - **bounded**: at most `maxEntries`, the least recently used dropped first;
 * - **forgotten when the session ends**: logout, "your sessions" revoke and revoke-others, and the
 *   operator's revoke-by-subject call `forgetSession` / `forgetSubject`. The cache never answers for a
 *   session by itself: the proxy reads the session from the store on every call first (requireSession),
 *   so a session ended on another instance gets no token either; forgetting only frees the memory sooner.
 * The token's `jti` therefore names the token, not the call.
 */

export interface CachedIdentityToken {
  readonly token: string;
  /** Seconds since the epoch (the token's `iat`). */
  readonly issuedAt: number;
  /** Seconds since the epoch (the token's `exp`). */
  readonly expiresAt: number;
}

/** What the token was signed from: served again only when all of it is the same. */
export interface IdentityTokenSource {
  readonly idHash: string;
  readonly sub: string;
  readonly payload: string;
  /** The granted roles, serialised (empty when none). */
  readonly roles: string;
}

interface Entry extends CachedIdentityToken, IdentityTokenSource {
  readonly routeKey: string;
}

export interface IdentityTokenCache {
  /** The cached token of this session for this route, if it was signed from `source` and is still fresh. */
  get(source: IdentityTokenSource, routeKey: string, nowSeconds: number): string | undefined;
  set(source: IdentityTokenSource, routeKey: string, token: CachedIdentityToken): void;
  /** Drops every token of one session (logout, revoke). */
  forgetSession(idHash: string): void;
  /** Drops every token of one subject's sessions (operator revoke-by-subject). */
  forgetSubject(sub: string): void;
  readonly size: number;
}

/** Default bound: a few MB at most (an entry holds a token and the session payload it was signed from). */
export const IDENTITY_TOKEN_CACHE_ENTRIES = 10_000;

export function createIdentityTokenCache(options: { maxEntries?: number } = {}): IdentityTokenCache {
  const maxEntries = options.maxEntries ?? IDENTITY_TOKEN_CACHE_ENTRIES;
  if (!Number.isInteger(maxEntries) || maxEntries < 0)
    throw new Error(`identity token cache: maxEntries must be a non-negative integer, got ${maxEntries}`);
  // Map iteration order is insertion order: re-inserting on a hit makes the first key the least recent.
  const entries = new Map<string, Entry>();
  // Keys of each session's entries, so forgetting a session does not scan the cache.
  const bySession = new Map<string, Set<string>>();
  const keyOf = (idHash: string, routeKey: string) => `${idHash}\u0000${routeKey}`;

  function remove(key: string) {
    const entry = entries.get(key);
    if (!entry) return;
    entries.delete(key);
    const keys = bySession.get(entry.idHash);
    keys?.delete(key);
    if (keys?.size === 0) bySession.delete(entry.idHash);
  }

  return {
    get(source, routeKey, nowSeconds) {
      const key = keyOf(source.idHash, routeKey);
      const entry = entries.get(key);
      if (!entry) return undefined;
      const fresh =
        nowSeconds >= entry.issuedAt && nowSeconds < entry.issuedAt + (entry.expiresAt - entry.issuedAt) / 2;
      if (
        !fresh ||
        entry.idHash !== source.idHash ||
        entry.routeKey !== routeKey ||
        entry.sub !== source.sub ||
        entry.roles !== source.roles ||
        entry.payload !== source.payload
      ) {
        remove(key);
        return undefined;
      }
      entries.delete(key);
      entries.set(key, entry);
      return entry.token;
    },
    set(source, routeKey, token) {
      if (maxEntries === 0) return;
      const key = keyOf(source.idHash, routeKey);
      remove(key);
      while (entries.size >= maxEntries) {
        const oldest = entries.keys().next().value as string;
        remove(oldest);
      }
      entries.set(key, {
        token: token.token,
        issuedAt: token.issuedAt,
        expiresAt: token.expiresAt,
        idHash: source.idHash,
        sub: source.sub,
        payload: source.payload,
        roles: source.roles,
        routeKey,
      });
      const keys = bySession.get(source.idHash) ?? new Set<string>();
      keys.add(key);
      bySession.set(source.idHash, keys);
    },
    forgetSession(idHash) {
      for (const key of [...(bySession.get(idHash) ?? [])]) remove(key);
    },
    forgetSubject(sub) {
      for (const [key, entry] of [...entries]) if (entry.sub === sub) remove(key);
    },
    get size() {
      return entries.size;
    },
  };
}
