// A browser's cookie jar, as much as the tests and the benchmarks need: host-only cookies, Path,
// Max-Age/Expires against a clock (a fake one in the tests), Secure (accepted on https and on localhost,
// which browsers treat as a secure context), the `__Host-` prefix rules, and SameSite for cross-site
// requests. Plain ESM so that the benchmarks run it without a build; types in cookie-jar.d.mts.

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

export class CookieJar {
  /** @type {Map<string, import('./cookie-jar.d.mts').StoredCookie>} */
  cookies = new Map();
  /** @type {string[]} */
  rejected = [];

  /** @param {() => number} [clock] milliseconds since the epoch */
  constructor(clock = Date.now) {
    this.clock = clock;
  }

  /** Apply every `Set-Cookie` of a response from `url`. */
  store(url, setCookies) {
    for (const header of setCookies) this.storeOne(url, header);
  }

  /**
   * The `Cookie` header a browser would send, or undefined. Unless told otherwise the request is a
   * same-site GET that is not a top-level navigation.
   */
  headerFor({ url, topLevelNavigation = false, crossSite = false, method = 'GET' }) {
    const now = this.clock();
    const sent = [];
    for (const [key, cookie] of this.cookies) {
      if (cookie.expiresAt !== undefined && cookie.expiresAt <= now) {
        this.cookies.delete(key);
        continue;
      }
      if (cookie.host !== url.hostname) continue;
      if (!url.pathname.startsWith(cookie.path)) continue;
      if (cookie.secure && !isSecureContext(url)) continue;
      if (crossSite && cookie.sameSite === 'strict') continue;
      if (crossSite && cookie.sameSite === 'lax' && !(topLevelNavigation && method === 'GET')) continue;
      sent.push(`${cookie.name}=${cookie.value}`);
    }
    return sent.length > 0 ? sent.join('; ') : undefined;
  }

  get(name) {
    for (const cookie of this.cookies.values()) if (cookie.name === name) return cookie;
    return undefined;
  }

  /** Put a cookie in the jar as a hostile page or a test would (bypassing Set-Cookie). */
  set(host, name, value) {
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

  storeOne(url, header) {
    const [pair = '', ...attributes] = header.split(';');
    const eq = pair.indexOf('=');
    if (eq <= 0) return;
    const cookie = {
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
      else if (key === 'samesite') cookie.sameSite = value.toLowerCase();
      else if (key === 'max-age') cookie.expiresAt = this.clock() + Number(value) * 1000;
      else if (key === 'expires' && cookie.expiresAt === undefined) cookie.expiresAt = Date.parse(value);
    }
    if (cookie.secure && !isSecureContext(url)) {
      this.rejected.push(`${cookie.name}: Secure over http`);
      return;
    }
    if (
      cookie.name.startsWith('__Host-') &&
      (!cookie.secure || cookie.domain !== undefined || !pathSet || cookie.path !== '/')
    ) {
      this.rejected.push(`${cookie.name}: breaks __Host- rules`);
      return;
    }
    const key = `${cookie.host};${cookie.path};${cookie.name}`;
    if (cookie.expiresAt !== undefined && cookie.expiresAt <= this.clock()) this.cookies.delete(key);
    else this.cookies.set(key, cookie);
  }
}

function isSecureContext(url) {
  return url.protocol === 'https:' || LOCAL_HOSTS.has(url.hostname);
}

/** Scheme + host as a "site" (the tests use no registrable-domain subtleties). */
export function siteOf(url) {
  return `${url.protocol}//${url.hostname}`;
}
