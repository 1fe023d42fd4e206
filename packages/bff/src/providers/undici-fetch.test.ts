import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUndiciFetch } from './undici-fetch';

let server: Server;
let origin: string;
let last: { method?: string; url?: string; headers?: IncomingMessage['headers']; body?: string } = {};

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => {
      body += chunk.toString();
    });
    req.on('end', () => {
      last = { method: req.method, url: req.url, headers: req.headers, body };
      if (req.url === '/redirect') res.writeHead(302, { location: '/elsewhere' }).end();
      else if (req.url === '/slow') setTimeout(() => res.end('late'), 2000);
      else
        res
          .writeHead(400, { 'content-type': 'application/json', 'www-authenticate': 'Bearer error="x"' })
          .end('{"error":"invalid_grant"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('the default transport to sgID (undici)', () => {
  it('sends method, headers and body as given and answers status, headers and body like fetch', async () => {
    const { fetch, close } = createUndiciFetch();
    const response = await fetch(`${origin}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: 'grant_type=authorization_code&code=abc',
      redirect: 'manual',
    });
    expect(last).toMatchObject({
      method: 'POST',
      url: '/token',
      body: 'grant_type=authorization_code&code=abc',
    });
    expect(last.headers?.['content-type']).toBe('application/x-www-form-urlencoded');
    expect(response.status).toBe(400);
    expect(response.headers.get('www-authenticate')).toBe('Bearer error="x"');
    expect(await response.json()).toEqual({ error: 'invalid_grant' });
    await close();
  });

  it('never follows a redirect', async () => {
    const { fetch, close } = createUndiciFetch();
    const response = await fetch(`${origin}/redirect`, { redirect: 'manual' });
    expect(response.status).toBe(302);
    expect(last.url).toBe('/redirect');
    await close();
  });

  it("the caller's signal is the deadline", async () => {
    const { fetch, close } = createUndiciFetch();
    const started = Date.now();
    const signal = AbortSignal.timeout(100);
    await expect(fetch(`${origin}/slow`, { redirect: 'manual', signal })).rejects.toThrow();
    expect(signal.aborted).toBe(true);
    expect(Date.now() - started).toBeLessThan(1500);
    await close();
  });

  it('hands anything else (a Request, following redirects) to the fallback fetch', async () => {
    const seen: unknown[] = [];
    const fallback = async (input: RequestInfo | URL) => {
      seen.push(input);
      return new Response('fallback');
    };
    const { fetch, close } = createUndiciFetch(fallback as typeof globalThis.fetch);
    await fetch(`${origin}/x`);
    await fetch(new Request(`${origin}/y`), { redirect: 'manual' });
    expect(seen).toHaveLength(2);
    await close();
  });
});
