/**
 * The BFF's two cookies, both `__Host-` (Secure, Path=/, no Domain: the browser refuses them otherwise) and
 * HttpOnly, holding only opaque random values:
 * - the session cookie (`SESSION_COOKIE_NAME`), SameSite=Lax by default — see docs/threat-model.md for why
 *   not Strict — and a browser-session lifetime (no Max-Age: the server enforces the timeouts);
 * - the login cookie, SameSite=Lax because sgID's redirect to the callback is a cross-site navigation,
 *   Max-Age = the transaction TTL, cleared at the callback.
 * `localhost` over http is a secure context, so the same attributes work in development.
 */

export interface CookieOptions {
  sameSite: 'lax' | 'strict';
  /** Seconds; omitted for a browser-session cookie, 0 to delete. */
  maxAge?: number;
}

export function serializeCookie(name: string, value: string, options: CookieOptions): string {
  const sameSite = options.sameSite === 'strict' ? 'Strict' : 'Lax';
  const maxAge = options.maxAge === undefined ? '' : `; Max-Age=${options.maxAge}`;
  return `${name}=${value}; Path=/; Secure; HttpOnly; SameSite=${sameSite}${maxAge}`;
}

/** A `Set-Cookie` value that deletes the cookie. */
export function serializeCookieDeletion(name: string): string {
  return serializeCookie(name, '', { sameSite: 'lax', maxAge: 0 });
}

/**
 * The value of one cookie from a `Cookie` header, or undefined. Reads only what it needs (the session read
 * is the hot path); the first occurrence wins, as in RFC 6265's ordering by path length then age.
 */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq === -1) continue;
    if (part.slice(0, eq).trim() !== name) continue;
    const value = part.slice(eq + 1).trim();
    return value.length >= 2 && value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value;
  }
  return undefined;
}
