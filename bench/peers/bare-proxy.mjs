// The floor of any Node reverse proxy (issue #16): Fastify with @fastify/http-proxy (Fastify's own
// reverse proxy, on undici through @fastify/reply-from), no authentication, no session, no token, in front
// of the same upstream as our BFF's `/api/*` proxy. Chosen over undici's ProxyAgent, which is a client
// agent for a forward (CONNECT) proxy rather than a reverse proxy, and over http-proxy, unmaintained
// since 2020; @fastify/http-proxy is released by the Fastify team on every Fastify major.
// Env: PORT, HOST (127.0.0.1), UPSTREAM (origin), PREFIX (`/api/bench`: proxied to `<UPSTREAM><PREFIX>`).
import proxy from '@fastify/http-proxy';
import Fastify from 'fastify';

const prefix = process.env.PREFIX ?? '/api/bench';
const app = Fastify({ logger: false });
await app.register(proxy, {
  upstream: process.env.UPSTREAM,
  prefix,
  rewritePrefix: prefix,
});
await app.listen({ port: Number(process.env.PORT ?? 0), host: process.env.HOST ?? '127.0.0.1' });
console.log(`bare proxy listening on ${JSON.stringify(app.server.address())}`);
const stop = () => app.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
