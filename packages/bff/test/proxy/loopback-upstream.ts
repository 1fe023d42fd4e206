/**
 * A real upstream API on a loopback port for the proxy tests: it records what reached it and has
 * endpoints for each proxy rule (echo, slow, streaming both ways, cookie-setting).
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
  /** Resolves the current `/stream` response's second chunk. */
  releaseStream: () => void;
  /** Resolves when `/upload` received its first chunk. */
  firstUploadChunk: Promise<void>;
  close: () => Promise<void>;
}

export async function startLoopbackUpstream(): Promise<LoopbackUpstream> {
  const seen: SeenRequest[] = [];
  let releaseStream = () => {};
  let markFirstChunk = () => {};
  const firstUploadChunk = new Promise<void>((resolve) => {
    markFirstChunk = resolve;
  });
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
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
    releaseStream: () => releaseStream(),
    firstUploadChunk,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
