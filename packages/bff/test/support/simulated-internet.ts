/**
 * The "simulated internet": a `fetch` that routes each request by origin to a site's `inject()` (a Fastify app, or a host server mounting the BFF) —
 * no ports, no sockets — plus browsers with a cookie jar that follow redirects across those apps.
 * Origins that are not registered can be passed through to the real network (MockPass runs as a
 * process on a loopback port).
 */
import type { Response as InjectedResponse, InjectOptions } from 'light-my-request';
import { CookieJar, siteOf } from '../../../../scripts/lib/cookie-jar.mjs';

/** What answers at an origin: a Fastify app, or a host server's handler behind light-my-request. */
export interface Site {
  inject(options: InjectOptions): Promise<InjectedResponse>;
}

export interface SimulatedInternet {
  register(origin: string, app: Site): void;
  /** Take an origin off the network: fetches to it fail like an unreachable host. */
  unregister(origin: string): void;
  /** Server-to-server fetch (no cookies): what the BFF gets as its `fetch` dependency. */
  fetch: typeof fetch;
  createBrowser(options?: { ip?: string }): SimulatedBrowser;
  /** See every request routed from now on (method, URL, headers), e.g. the DPoP proofs the BFF sends. */
  observe(listener: (request: { method: string; url: URL; headers: Headers }) => void): void;
}

export function createSimulatedInternet(options: {
  clock: () => number;
  passThrough?: boolean;
}): SimulatedInternet {
  const sites = new Map<string, Site>();
  const observers: Array<(request: { method: string; url: URL; headers: Headers }) => void> = [];

  const route = async (
    input: RequestInfo | URL,
    init?: RequestInit,
    ip = '203.0.113.7',
  ): Promise<Response> => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    for (const observer of observers) observer({ method: request.method, url, headers: request.headers });
    const app = sites.get(url.origin);
    if (!app) {
      if (options.passThrough) return fetch(request);
      throw new TypeError(`fetch failed: nothing answers at ${url.origin}`);
    }
    const payload = request.body ? Buffer.from(await request.arrayBuffer()) : undefined;
    const headers: Record<string, string> = { host: url.host };
    request.headers.forEach((value, key) => {
      headers[key] = value;
    });
    const injected = app.inject({
      method: request.method as 'GET',
      url: `${url.pathname}${url.search}`,
      headers,
      payload,
      remoteAddress: ip,
    });
    const res = await raceAbort(injected, init?.signal ?? undefined);
    const out = new Headers();
    for (const [key, value] of Object.entries(res.headers)) {
      if (Array.isArray(value)) for (const v of value) out.append(key, String(v));
      else if (value !== undefined) out.set(key, String(value));
    }
    const noBody = [101, 204, 205, 304].includes(res.statusCode) || request.method === 'HEAD';
    return new Response(noBody ? null : new Uint8Array(res.rawPayload), {
      status: res.statusCode,
      headers: out,
    });
  };

  const internet: SimulatedInternet = {
    register: (origin, app) => void sites.set(origin, app),
    unregister: (origin) => void sites.delete(origin),
    observe: (listener) => void observers.push(listener),
    fetch: (input, init) => route(input, init),
    createBrowser: (browserOptions = {}) =>
      new SimulatedBrowser((input, init) => route(input, init, browserOptions.ip), options.clock),
  };
  return internet;
}

async function raceAbort<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  if (signal.aborted) throw signal.reason;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

export interface Hop {
  url: string;
  status: number;
  location: string | null;
  headers: Headers;
}

export interface Navigation {
  status: number;
  url: string;
  headers: Headers;
  text: string;
  chain: Hop[];
}

type Route = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;

/** One browser profile: a cookie jar, navigations that follow redirects, and page-initiated fetches. */
export class SimulatedBrowser {
  readonly jar: CookieJar;

  constructor(
    private readonly route: Route,
    clock: () => number,
  ) {
    this.jar = new CookieJar(clock);
  }

  /**
   * A top-level navigation: typed into the address bar (no `from`), or a link/form on page `from`.
   * Follows redirects like a browser (303/302 turn POST into GET).
   */
  async navigate(
    url: string,
    options: {
      from?: string;
      method?: 'GET' | 'POST';
      form?: Record<string, string>;
      headers?: Record<string, string>;
      /** Stop before requesting a URL (e.g. the callback), answering status 0 with that URL. */
      stopBefore?: (url: URL) => boolean;
    } = {},
  ): Promise<Navigation> {
    let current = new URL(url);
    let method = options.method ?? 'GET';
    let body: string | undefined = options.form ? new URLSearchParams(options.form).toString() : undefined;
    const seen: URL[] = options.from ? [new URL(options.from)] : [];
    const chain: Hop[] = [];
    for (let hop = 0; hop < 20; hop++) {
      if (options.stopBefore?.(current))
        return { status: 0, url: current.href, headers: new Headers(), text: '', chain };
      const crossSite = seen.some((u) => siteOf(u) !== siteOf(current));
      const headers: Record<string, string> = {
        accept: 'text/html,application/xhtml+xml',
        'sec-fetch-mode': 'navigate',
        'sec-fetch-dest': 'document',
        'sec-fetch-site': fetchSite(seen, current),
        ...options.headers,
      };
      if (method === 'POST') {
        headers.origin = seen.length > 0 && seen[0] ? seen[0].origin : 'null';
        headers['content-type'] = 'application/x-www-form-urlencoded';
      }
      const cookie = this.jar.headerFor({ url: current, topLevelNavigation: true, crossSite, method });
      if (cookie) headers.cookie = cookie;
      const response = await this.route(current, { method, headers, body, redirect: 'manual' });
      this.jar.store(current, response.headers.getSetCookie());
      const location = response.headers.get('location');
      chain.push({ url: current.href, status: response.status, location, headers: response.headers });
      if (response.status >= 300 && response.status < 400 && location) {
        await response.arrayBuffer();
        seen.push(current);
        current = new URL(location, current);
        if (response.status !== 307 && response.status !== 308) {
          method = 'GET';
          body = undefined;
        }
        continue;
      }
      return {
        status: response.status,
        url: current.href,
        headers: response.headers,
        text: await response.text(),
        chain,
      };
    }
    throw new Error('too many redirects');
  }

  /** A fetch from a page at `from` (default: same origin as `url`), like the SPA's SDK makes. */
  async fetch(url: string, init: RequestInit & { from?: string } = {}): Promise<Response> {
    const target = new URL(url);
    const page = new URL(init.from ?? target.origin);
    const method = init.method ?? 'GET';
    const headers = new Headers(init.headers);
    headers.set('sec-fetch-mode', 'cors');
    headers.set('sec-fetch-dest', 'empty');
    headers.set('sec-fetch-site', fetchSite([page], target));
    if (!headers.has('accept')) headers.set('accept', '*/*');
    if (method !== 'GET' && method !== 'HEAD') headers.set('origin', page.origin);
    const crossSite = siteOf(page) !== siteOf(target);
    const cookie = this.jar.headerFor({ url: target, topLevelNavigation: false, crossSite, method });
    if (cookie) headers.set('cookie', cookie);
    const response = await this.route(target, { ...init, method, headers, redirect: 'manual' });
    this.jar.store(target, response.headers.getSetCookie());
    return response;
  }
}

function fetchSite(initiators: URL[], target: URL): string {
  if (initiators.length === 0) return 'none';
  if (initiators.every((u) => u.origin === target.origin)) return 'same-origin';
  if (initiators.every((u) => siteOf(u) === siteOf(target))) return 'same-site';
  return 'cross-site';
}
