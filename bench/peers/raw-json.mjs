// The ceiling: a raw Node `http` server answering fixed JSON bodies, with the same headers our BFF sends for
// them. RESPONSES is a JSON file: { "/path": { "status": 200, "headers": {...}, "body": "..." } }.
// Unknown paths answer 404. Used for /auth/session (the session-read ceiling) and as the upstream API
// behind the BFF's /api/* proxy.
import { readFileSync } from 'node:fs';
import http from 'node:http';

const responses = JSON.parse(readFileSync(process.env.RESPONSES ?? '', 'utf8'));
const prepared = new Map(
  Object.entries(responses).map(([path, r]) => [
    path,
    {
      status: r.status ?? 200,
      headers: { ...r.headers, 'content-length': Buffer.byteLength(r.body) },
      body: r.body,
    },
  ]),
);

const server = http.createServer((req, res) => {
  const q = req.url.indexOf('?');
  const r = prepared.get(q === -1 ? req.url : req.url.slice(0, q));
  if (!r) {
    res.writeHead(404, { 'content-type': 'application/json' }).end('{"code":"NOT_FOUND"}');
    return;
  }
  res.writeHead(r.status, r.headers).end(r.body);
});
server.keepAliveTimeout = 65_000;
server.listen(Number(process.env.PORT ?? 0), process.env.HOST ?? '127.0.0.1', () => {
  console.log(`raw-json listening on ${JSON.stringify(server.address())}`);
});
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
