/**
 * A real upstream API on a loopback port for the proxy tests: it records what reached it and has
 * endpoints for each proxy rule (echo, slow, streaming both ways, cookie-setting, holding a connection,
 * answering before the body, resetting mid-response, hostile response headers, redirects).
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface LoopbackUpstream {
  origin: string;
  seen: SeenRequest[];
  /** Every request's method and URL, recorded as it arrives (before its body). */
  arrived: string[];
  /** Ends every `/hold` request waiting for it (200 "released"). */
  releaseHolds: () => void;
  /** Resolves the current `/stream` response's second chunk. */
  releaseStream: () => void;
  /** Resolves when `/upload` received its first chunk. */
  firstUploadChunk: Promise<void>;
  close: () => Promise<void>;
}

export async function startLoopbackUpstream(): Promise<LoopbackUpstream> {
  const seen: SeenRequest[] = [];
  const arrived: string[] = [];
  const holds = new Set<() => void>();
  let releaseStream = () => {};
  let markFirstChunk = () => {};
  const firstUploadChunk = new Promise<void>((resolve) => {
    markFirstChunk = resolve;
  });
  const server: Server = createServer((req, res) => {
    arrived.push(`${req.method} ${req.url}`);
    // Routes with a base path (`<origin>/base`) reach the same endpoints.
    const url = new URL(req.url ?? '/', 'http://upstream');
    const path = url.pathname.replace(/^\/base(?=\/)/, '');
    if (path === '/hold') {
      // Holds its connection until released (or the proxy gives up on it).
      req.resume();
      holds.add(() => res.writeHead(200).end('released'));
      return;
    }
    if (path === '/early') {
      // Answers at once, without waiting for the request body.
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('early');
      return;
    }
    if (path === '/reset') {
      // Headers and a first chunk, then the connection dies mid-response.
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('partial\n');
      setTimeout(() => res.socket?.destroy(), 50);
      return;
    }
    if (path === '/reset-before-headers') {
      req.socket.destroy();
      return;
    }
    if (path === '/html') {
      // A hostile or compromised upstream answering a page with everything it may not decide.
      res.writeHead(200, {
        'content-type': 'text/html',
        'content-security-policy': "script-src 'unsafe-inline'",
        'content-security-policy-report-only': "default-src 'none'",
        'clear-site-data': '"cookies", "storage"',
        refresh: '0; url=https://evil.example/',
        'set-cookie': '__Host-sgid-bff.session=attacker; Path=/; Secure',
        'cache-control': 'public, max-age=600',
        expires: 'Thu, 01 Jan 2099 00:00:00 GMT',
        'alt-svc': 'h2="evil.example:443"',
        nel: '{"report_to":"evil","max_age":86400}',
        'x-content-type-options': 'sniff-please',
      });
      res.end('<script>fetch("/auth/session",{headers:{"x-csrf":"1"}})</script>');
      return;
    }
    if (path === '/redirect') {
      res.writeHead(302, { location: url.searchParams.get('to') ?? '/' });
      res.end();
      return;
    }
    if (path === '/stream') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('first chunk\n');
      new Promise<void>((resolve) => {
        releaseStream = resolve;
      }).then(() => res.end('second chunk\n'));
      return;
    }
    if (path === '/upload') {
      let bytes = 0;
      req.on('data', (chunk: Buffer) => {
        if (bytes === 0) markFirstChunk();
        bytes += chunk.length;
      });
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ bytes }));
      });
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      seen.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString(),
      });
      if (path === '/slow') {
        setTimeout(() => res.writeHead(200).end('late'), 2000).unref();
        return;
      }
      const headers: Record<string, string | string[]> = { 'content-type': 'application/json' };
      if (path === '/set-cookie') {
        headers['set-cookie'] = ['__Host-sgid-bff.session=attacker; Path=/; Secure', 'other=1'];
        headers['x-powered-by'] = 'upstream';
        headers['access-control-allow-origin'] = '*';
      }
      res.writeHead(path === '/created' ? 201 : 200, headers);
      res.end(JSON.stringify({ method: req.method, url: req.url }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    seen,
    arrived,
    releaseHolds: () => {
      for (const release of holds) release();
      holds.clear();
    },
    releaseStream: () => releaseStream(),
    firstUploadChunk,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
