// A tiny keep-alive HTTP/1.1 client for the flow drivers, with a cookie jar per browser. It follows no
// redirects by itself (the flows follow them step by step) and connects to `localhost` as 127.0.0.1
// (keeping the Host header), so every request stays on the loopback interface without a DNS lookup.
import http from 'node:http';

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]']);

/** A cookie jar for one browser: origin → (name → value). Attributes other than expiry are ignored. */
export class CookieJar {
  constructor() {
    this.byOrigin = new Map();
  }

  /** Remember the cookies of a response. */
  store(origin, setCookie) {
    if (!setCookie) return;
    let jar = this.byOrigin.get(origin);
    if (!jar) {
      jar = new Map();
      this.byOrigin.set(origin, jar);
    }
    for (const line of Array.isArray(setCookie) ? setCookie : [setCookie]) {
      const semi = line.indexOf(';');
      const pair = semi === -1 ? line : line.slice(0, semi);
      const eq = pair.indexOf('=');
      if (eq <= 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const attributes = semi === -1 ? '' : line.slice(semi).toLowerCase();
      const expired =
        /;\s*max-age=(0|-\d+)/.test(attributes) ||
        (/;\s*expires=([^;]+)/.test(attributes) &&
          Date.parse(/;\s*expires=([^;]+)/.exec(attributes)[1]) < Date.now());
      if (expired) jar.delete(name);
      else jar.set(name, value);
    }
  }

  /** The Cookie header to send to an origin, or undefined. */
  header(origin) {
    const jar = this.byOrigin.get(origin);
    if (!jar || jar.size === 0) return undefined;
    let out = '';
    for (const [name, value] of jar) out += `${out ? '; ' : ''}${name}=${value}`;
    return out;
  }

  /** One cookie's value. */
  get(origin, name) {
    return this.byOrigin.get(origin)?.get(name);
  }
}

/** Create a client with its own keep-alive connection pool. */
export function createHttpClient({ maxSockets = 64 } = {}) {
  const agent = new http.Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets });

  /**
   * Send one request; answers `{ status, headers, body }` with the body as a string.
   * @param {string | URL} target absolute http URL
   * @param {{ method?: string, headers?: Record<string,string>, body?: string, jar?: CookieJar, timeoutMs?: number }} [options]
   */
  function request(target, options = {}) {
    const url = typeof target === 'string' ? new URL(target) : target;
    if (url.protocol !== 'http:' || !LOOPBACK_NAMES.has(url.hostname)) {
      return Promise.reject(new Error(`refusing a non-loopback target: ${url.origin}`));
    }
    const { method = 'GET', body, jar, timeoutMs = 10_000 } = options;
    const headers = { host: url.host, ...options.headers };
    const cookie = jar?.header(url.origin);
    if (cookie) headers.cookie = cookie;
    if (body !== undefined) headers['content-length'] = Buffer.byteLength(body);
    return new Promise((resolve, reject) => {
      const req = http.request(
        {
          agent,
          host: url.hostname === '[::1]' ? '::1' : '127.0.0.1',
          port: url.port || 80,
          method,
          path: url.pathname + url.search,
          headers,
          timeout: timeoutMs,
        },
        (res) => {
          const chunks = [];
          res.on('data', (c) => chunks.push(c));
          res.on('end', () => {
            jar?.store(url.origin, res.headers['set-cookie']);
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              body: Buffer.concat(chunks).toString(),
            });
          });
          res.on('error', reject);
        },
      );
      req.on('timeout', () => req.destroy(new Error(`timeout after ${timeoutMs} ms: ${method} ${url.href}`)));
      req.on('error', reject);
      req.end(body);
    });
  }

  return { request, close: () => agent.destroy() };
}

/** Resolve a Location header against the URL it came from. */
export function location(res, from) {
  const value = res.headers.location;
  if (!value)
    throw new Error(`expected a redirect from ${from}, got ${res.status}: ${res.body.slice(0, 200)}`);
  return new URL(value, from);
}
