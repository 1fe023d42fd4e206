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
  /** A top-level navigation (GET), as opposed to a subresource fetch. Default false. */
  topLevelNavigation?: boolean;
  /** The request is cross-site with respect to the page (or redirect chain) that caused it. Default false. */
  crossSite?: boolean;
  /** Default GET. */
  method?: string;
}

export class CookieJar {
  readonly cookies: Map<string, StoredCookie>;
  readonly rejected: string[];
  constructor(clock?: () => number);
  /** Apply every `Set-Cookie` of a response from `url`. */
  store(url: URL, setCookies: readonly string[]): void;
  /** The `Cookie` header a browser would send, or undefined. */
  headerFor(context: CookieRequestContext): string | undefined;
  get(name: string): StoredCookie | undefined;
  /** Put a cookie in the jar as a hostile page or a test would (bypassing Set-Cookie). */
  set(host: string, name: string, value: string): void;
}

/** Scheme + host as a "site" (the tests use no registrable-domain subtleties). */
export function siteOf(url: URL): string;
