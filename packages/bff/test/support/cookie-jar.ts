/**
 * A browser's cookie jar, as much as these tests need: host-only cookies, Path, Max-Age/Expires against the
 * fake clock, Secure (accepted on https and on localhost, which browsers treat as a secure context),
 * the `__Host-` prefix rules, and SameSite for cross-site requests.
 */
export interface StoredCookie {
  name: string;
  value: string;
  host: string;
  path: string;
  secure: boolean;
  httpOnly: boolean;
  sameSite: 'strict' | 'lax' | 'none';
  domain: string | undefined;
  expiresAt: number | undefined;
}

export interface CookieRequestContext {
  url: URL;
  /** A top-level navigation (GET), as opposed to a subresource fetch. */
  topLevelNavigation: boolean;
  /** The request is cross-site with respect to the page (or redirect chain) that caused it. */
  crossSite: boolean;
  method: string;
}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

export class CookieJar {
  readonly cookies = new Map<string, StoredCookie>();
  readonly rejected: string[] = [];

  constructor(private readonly clock: () => number) {}

  /** Apply every `Set-Cookie` of a response. */
  store(url: URL, setCookies: string[]): void {
    for (const header of setCookies) this.storeOne(url, header);
  }

  /** The `Cookie` header a browser would send, or undefined. */
  headerFor(context: CookieRequestContext): string | undefined {
    const now = this.clock();
    const sent: string[] = [];
    for (const [key, cookie] of this.cookies) {
      if (cookie.expiresAt !== undefined && cookie.expiresAt <= now) {
        this.cookies.delete(key);
        continue;
      }
      if (cookie.host !== context.url.hostname) continue;
      if (!context.url.pathname.startsWith(cookie.path)) continue;
      if (cookie.secure && !isSecureContext(context.url)) continue;
      if (context.crossSite && cookie.sameSite === 'strict') continue;
      if (
        context.crossSite &&
        cookie.sameSite === 'lax' &&
        !(context.topLevelNavigation && context.method === 'GET')
      )
        continue;
      sent.push(`${cookie.name}=${cookie.value}`);
    }
    return sent.length > 0 ? sent.join('; ') : undefined;
  }

  get(name: string): StoredCookie | undefined {
    for (const cookie of this.cookies.values()) if (cookie.name === name) return cookie;
    return undefined;
  }

  /** Put a cookie in the jar as a hostile page or a test would (bypassing Set-Cookie). */
  set(host: string, name: string, value: string): void {
    this.cookies.set(`${host};/;${name}`, {
      name,
      value,
      host,
      path: '/',
      secure: true,
      httpOnly: true,
      sameSite: 'lax',
      domain: undefined,
      expiresAt: undefined,
    });
  }

  private storeOne(url: URL, header: string): void {
    const [pair = '', ...attributes] = header.split(';');
    const eq = pair.indexOf('=');
    if (eq <= 0) return;
    const cookie: StoredCookie = {
      name: pair.slice(0, eq).trim(),
      value: pair.slice(eq + 1).trim(),
      host: url.hostname,
      path: '/',
      secure: false,
      httpOnly: false,
      sameSite: 'lax',
      domain: undefined,
      expiresAt: undefined,
    };
    let pathSet = false;
    for (const attribute of attributes) {
      const [rawKey = '', ...rest] = attribute.split('=');
      const key = rawKey.trim().toLowerCase();
      const value = rest.join('=').trim();
      if (key === 'path') {
        cookie.path = value || '/';
        pathSet = true;
      } else if (key === 'secure') cookie.secure = true;
      else if (key === 'httponly') cookie.httpOnly = true;
      else if (key === 'domain') cookie.domain = value;
      else if (key === 'samesite') cookie.sameSite = value.toLowerCase() as StoredCookie['sameSite'];
      else if (key === 'max-age') cookie.expiresAt = this.clock() + Number(value) * 1000;
      else if (key === 'expires' && cookie.expiresAt === undefined) cookie.expiresAt = Date.parse(value);
    }
    if (cookie.secure && !isSecureContext(url))
      return void this.rejected.push(`${cookie.name}: Secure over http`);
    if (
      cookie.name.startsWith('__Host-') &&
      (!cookie.secure || cookie.domain !== undefined || !pathSet || cookie.path !== '/')
    )
      return void this.rejected.push(`${cookie.name}: breaks __Host- rules`);
    const key = `${cookie.host};${cookie.path};${cookie.name}`;
    if (cookie.expiresAt !== undefined && cookie.expiresAt <= this.clock()) this.cookies.delete(key);
    else this.cookies.set(key, cookie);
  }
}

function isSecureContext(url: URL): boolean {
  return url.protocol === 'https:' || LOCAL_HOSTS.has(url.hostname);
}

/** Scheme + host as a "site" (these tests use no registrable-domain subtleties). */
export function siteOf(url: URL): string {
  return `${url.protocol}//${url.hostname}`;
}
