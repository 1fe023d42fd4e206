/**
 * The API proxy (SECURITY.md `/api/*`): only the routes in `API_ROUTES`, each with its methods.
 * Per request, in order: CSRF header and origin rules; a live session (JSON 401 otherwise, never a
 * redirect); the method (405 with `Allow`); a safe path suffix (check-upstream-path.ts); then the request
 * streams upstream with the identity token and filtered headers (forward-headers.ts), and the answer
 * streams back — bodies are never buffered in either direction. The upstream has the route's timeout to
 * send its headers (`504 BFF_UPSTREAM_TIMEOUT`) and the same again between body chunks; a refused or
 * broken connection is `502 BFF_UPSTREAM_UNAVAILABLE`. Unknown `/api/*` paths are `404 BFF_NOT_FOUND`.
 * `GET /.well-known/jwks.json` publishes the keys the identity tokens are signed with.
 */
import type { IncomingMessage } from 'node:http';
import { Transform } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Agent, request as undiciRequest } from 'undici';
import type { AppContext } from '../app-context';
import { BffError } from '../errors';
import type { BffMetrics } from '../observability/metrics';
import { requireSession } from '../session/require-session';
import type { ApiRoute } from './api-routes';
import { checkUpstreamPath } from './check-upstream-path';
import { buildUpstreamHeaders, filterResponseHeaders } from './forward-headers';
import { createIdentityTokenSigner } from './identity-token';
import { loadSigningKeys } from './signing-keys';

const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT']);

export async function registerProxy(
  app: FastifyInstance,
  ctx: AppContext,
  metrics: BffMetrics,
): Promise<void> {
  const { proxy, publicOrigin, store } = ctx.config;
  if (proxy.routes.length === 0) return;
  const keys = await loadSigningKeys(proxy.signingKeyPem?.reveal(), store.dataDir);
  const signer = createIdentityTokenSigner({
    key: keys.active,
    issuer: publicOrigin,
    ttlSeconds: proxy.tokenTtlSeconds,
    clock: ctx.clock,
    random: ctx.random,
  });
  // One connection pool for every upstream; keep-alive so each proxied call is not a new TCP handshake.
  const agent = new Agent({ keepAliveTimeout: 10_000, connections: 256, connect: { timeout: 5000 } });
  app.addHook('onClose', async () => agent.close());

  app.get('/.well-known/jwks.json', async (_request, reply) =>
    reply.type('application/json').header('cache-control', 'public, max-age=300').send(keys.jwksJson),
  );

  await app.register(async (scope) => {
    // Bodies stay unread streams: the handler pipes `request.raw` straight upstream.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, _payload, done) => done(null));
    for (const route of proxy.routes) {
      const handler = (request: FastifyRequest, reply: FastifyReply) => forward(request, reply, route);
      scope.all(route.prefix, handler);
      scope.all(`${route.prefix}/*`, handler);
    }
  });

  // Label children bound once per route (and status), not looked up by label hash per request.
  const metricsByRoute = new Map<ApiRoute, ReturnType<typeof bindRouteMetrics>>();
  function bindRouteMetrics(route: ApiRoute) {
    const byStatus = new Map<number, { inc(): void }>();
    return {
      seconds: metrics.proxySeconds.labels({ route: route.prefix }),
      count(status: number) {
        let child = byStatus.get(status);
        if (child === undefined) {
          child = metrics.proxyRequests.labels({ route: route.prefix, status });
          byStatus.set(status, child);
        }
        child.inc();
      },
    };
  }
  function routeMetrics(route: ApiRoute) {
    let bound = metricsByRoute.get(route);
    if (bound === undefined) {
      bound = bindRouteMetrics(route);
      metricsByRoute.set(route, bound);
    }
    return bound;
  }

  async function forward(request: FastifyRequest, reply: FastifyReply, route: ApiRoute) {
    const { session } = await requireSession(ctx, request, reply, {
      extendIdle: true,
      onEndedCookie: () => metrics.endedSessionCookies.inc(),
    });
    if (!(route.methods as readonly string[]).includes(request.method)) {
      reply.header('allow', route.methods.join(', '));
      throw new BffError('BFF_METHOD_NOT_ALLOWED', { detail: `${request.method} ${route.prefix}` });
    }
    const suffix = checkUpstreamPath(request.url.slice(route.prefix.length));
    if (suffix === undefined)
      throw new BffError('BFF_BAD_REQUEST', { detail: 'unsafe path for the upstream' });
    const body = readBody(request.raw, proxy.bodyLimit);
    const token = await signer.sign(session, route);
    const timeout = route.timeoutMs ?? proxy.timeoutMs;
    const abort = new AbortController();
    // The browser went away: stop the upstream work too.
    reply.raw.once('close', () => {
      if (!reply.raw.writableFinished) abort.abort();
    });
    const stopTimer = routeMetrics(route).seconds.startTimer();
    let answer: Awaited<ReturnType<typeof undiciRequest>>;
    try {
      answer = await undiciRequest(`${route.upstream}${suffix}`, {
        dispatcher: agent,
        method: request.method as 'GET',
        headers: buildUpstreamHeaders(request, route, { token, publicOrigin }),
        body,
        headersTimeout: timeout,
        bodyTimeout: timeout,
        signal: abort.signal,
      });
    } catch (error) {
      throw toUpstreamError(error, route, timeout);
    } finally {
      stopTimer();
    }
    routeMetrics(route).count(answer.statusCode);
    for (const [name, value] of Object.entries(filterResponseHeaders(answer.headers)))
      if (!reply.hasHeader(name)) reply.header(name, value);
    reply.code(answer.statusCode);
    if (request.method === 'HEAD' || answer.statusCode === 204 || answer.statusCode === 304) {
      answer.body.resume();
      return reply.send();
    }
    return reply.send(answer.body);
  }

  function toUpstreamError(error: unknown, route: ApiRoute, timeout: number): BffError {
    if (error instanceof BffError) return error;
    const code = (error as { code?: string }).code ?? '';
    const status = TIMEOUT_CODES.has(code) ? 504 : 502;
    routeMetrics(route).count(status);
    if (status === 504)
      return new BffError('BFF_UPSTREAM_TIMEOUT', {
        detail: `${route.prefix}: no answer within ${timeout} ms`,
        cause: error,
      });
    return new BffError('BFF_UPSTREAM_UNAVAILABLE', {
      detail: `${route.prefix}: ${code || 'failed'}`,
      cause: error,
    });
  }
}

/** The request body as a stream for undici, or undefined; over `limit` bytes it fails with 413. */
function readBody(raw: IncomingMessage, limit: number): IncomingMessage | Transform | undefined {
  const length = raw.headers['content-length'];
  const chunked = raw.headers['transfer-encoding'] !== undefined;
  if (!chunked && (length === undefined || length === '0')) return undefined;
  if (limit > 0 && length !== undefined && Number(length) > limit)
    throw new BffError('BFF_PAYLOAD_TOO_LARGE', { detail: `content-length ${length} over API_BODY_LIMIT` });
  if (limit === 0) return raw;
  let seen = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      if (seen > limit)
        callback(new BffError('BFF_PAYLOAD_TOO_LARGE', { detail: 'streamed body over API_BODY_LIMIT' }));
      else callback(null, chunk);
    },
  });
  raw.on('error', (error) => counter.destroy(error));
  return raw.pipe(counter);
}
