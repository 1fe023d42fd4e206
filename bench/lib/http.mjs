// A tiny keep-alive HTTP/1.1 client for the flow drivers, with a cookie jar per browser (a `CookieJar` of
// scripts/lib/cookie-jar.mjs). It follows no redirects by itself (the flows follow them step by step) and
// connects to `localhost` as 127.0.0.1 (keeping the Host header), so every request stays on the loopback
// interface without a DNS lookup.
import http from 'node:http';

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Create a client with its own keep-alive connection pool. */
export function createHttpClient({ maxSockets = 64 } = {}) {
  const agent = new http.Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets });

  /**
   * Send one request; answers `{ status, headers, body }` with the body as a string.
   * @param {string | URL} target absolute http URL
   * @param {{ method?: string, headers?: Record<string,string>, body?: string, jar?: import('../../scripts/lib/cookie-jar.mjs').CookieJar, timeoutMs?: number }} [options]
   */
  function request(target, options = {}) {
    const url = typeof target === 'string' ? new URL(target) : target;
    if (url.protocol !== 'http:' || !LOOPBACK_NAMES.has(url.hostname)) {
      return Promise.reject(new Error(`refusing a non-loopback target: ${url.origin}`));
    }
    const { method = 'GET', body, jar, timeoutMs = 10_000 } = options;
    const headers = { host: url.host, ...options.headers };
    const cookie = jar?.headerFor({ url, method });
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
            jar?.store(url, res.headers['set-cookie'] ?? []);
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
