/**
 * The API proxy (SECURITY.md `/api/*`): only the routes in `API_ROUTES`, each with its methods.
 * Per request, in order: CSRF header and origin rules; a live session (JSON 401 otherwise, never a
 * redirect); a safe path suffix (check-upstream-path.ts, `400 BFF_UNSAFE_PATH`); the method (405 with
 * `Allow`); a slot among the session's `API_MAX_CONCURRENT_PER_SESSION` (`429 BFF_TOO_MANY_CONCURRENT`);
 * the body rules (read-body.ts: none on GET/HEAD, size, minimum rate); then the request streams upstream
 * with the identity token and filtered headers (forward-headers.ts), and the answer streams back —
 * bodies are never buffered in either direction. The route's timeout is one deadline for the whole call
 * up to the answer's headers, queueing for a pooled connection and the request body included
 * (`504 BFF_UPSTREAM_TIMEOUT`, or `408 BFF_REQUEST_BODY_TIMEOUT` while the browser is still sending), and
 * the longest pause between answer body chunks; a refused or broken connection is `502
 * BFF_UPSTREAM_UNAVAILABLE`. An error on any stream ends that request, never the process. Unknown
 * `/api/*` paths are `404 BFF_NOT_FOUND`.
 * `GET /.well-known/jwks.json` publishes the keys the identity tokens are signed with.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Agent, request as undiciRequest } from 'undici';
import type { AppContext } from '../app-context';
import type { ApiRoute } from '../config';
import { BffError } from '../errors';
import type { BffMetrics } from '../observability/metrics';
import { requireSession } from '../session/require-session';
import { checkUpstreamPath } from './check-upstream-path';
import { createConcurrencyLimit } from './concurrency-limit';
import { buildUpstreamHeaders, filterResponseHeaders } from './forward-headers';
import { createIdentityTokenSigner } from './identity-token';
import { openRequestBody, type RequestBody } from './read-body';
import { loadSigningKeys } from './signing-keys';

const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT']);
/** The abort reason of a call past its deadline (`API_TIMEOUT` or the route's `timeout`). */
const DEADLINE = new Error('the proxied call passed its deadline');
/** Sending time before `API_BODY_MIN_RATE` applies (Kestrel's default grace). */
const BODY_GRACE_MS = 5000;

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
  const agent = new Agent({
    keepAliveTimeout: 10_000,
    connections: proxy.upstreamConnections,
    connect: { timeout: 5000 },
  });
  const concurrency = createConcurrencyLimit(proxy.maxConcurrentPerSession);
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
    });
    const suffix = checkUpstreamPath(request.url.slice(route.prefix.length));
    if (suffix === undefined)
      throw new BffError('BFF_UNSAFE_PATH', { detail: 'dot-segment or ; parameter in the path' });
    if (!(route.methods as readonly string[]).includes(request.method)) {
      reply.header('allow', route.methods.join(', '));
      throw new BffError('BFF_METHOD_NOT_ALLOWED', { detail: `${request.method} ${route.prefix}` });
    }
    const timeout = route.timeoutMs ?? proxy.timeoutMs;
    const release = concurrency.acquire(session.idHash);
    const abort = new AbortController();
    // One deadline for the whole call up to the answer's headers: waiting for a pooled connection,
    // sending the body, the upstream's work. Between answer body chunks, `bodyTimeout` below.
    const deadline = setTimeout(() => abort.abort(DEADLINE), timeout);
    let body: RequestBody | undefined;
    let browserGone = false;
    // Everything this request holds is given back when its response ends, however it ends; the browser
    // going away stops the upstream work too.
    const end = () => {
      release();
      clearTimeout(deadline);
      body?.close();
      if (!reply.raw.writableFinished) {
        browserGone = true;
        abort.abort();
      }
    };
    reply.raw.once('close', end);
    body = openRequestBody(request.raw, {
      limit: proxy.bodyLimit,
      minRate: proxy.bodyMinRate,
      graceMs: BODY_GRACE_MS,
    });
    if (request.raw.socket?.destroyed === true) end();
    const token = await signer.sign(session, route);
    const upstreamUrl = `${route.upstream}${suffix}`;
    const stopTimer = routeMetrics(route).seconds.startTimer();
    let answer: Awaited<ReturnType<typeof undiciRequest>>;
    try {
      answer = await undiciRequest(upstreamUrl, {
        dispatcher: agent,
        method: request.method as 'GET',
        headers: buildUpstreamHeaders(request, route, { token, publicOrigin }),
        body: body?.stream,
        headersTimeout: timeout,
        bodyTimeout: timeout,
        signal: abort.signal,
      });
    } catch (error) {
      if (browserGone) {
        // Nobody to answer: not an upstream failure, nothing to log at error level.
        request.log.info({ route: route.prefix }, 'the browser went away during a proxied call');
        return reply.hijack();
      }
      // The browser's body may be unread: answer, then close the connection rather than read on.
      if (body !== undefined && !body.complete()) reply.header('connection', 'close');
      throw toProxyError(error, route, timeout, body, abort.signal);
    } finally {
      clearTimeout(deadline);
      stopTimer();
    }
    routeMetrics(route).count(answer.statusCode);
    for (const [name, value] of Object.entries(filterResponseHeaders(answer.headers, route, upstreamUrl)))
      if (!reply.hasHeader(name)) reply.header(name, value);
    if (body !== undefined && !body.complete()) reply.header('connection', 'close');
    reply.code(answer.statusCode);
    if (request.method === 'HEAD' || answer.statusCode === 204 || answer.statusCode === 304) {
      answer.body.resume();
      return reply.send();
    }
    return reply.send(answer.body);
  }

  function toProxyError(
    error: unknown,
    route: ApiRoute,
    timeout: number,
    body: RequestBody | undefined,
    signal: AbortSignal,
  ): BffError {
    const broken = body?.failure();
    if (broken !== undefined) return count(route, broken);
    if (signal.reason === DEADLINE) {
      if (body?.awaitsBrowser())
        return count(
          route,
          new BffError('BFF_REQUEST_BODY_TIMEOUT', {
            detail: `${route.prefix}: body not in within ${timeout} ms`,
          }),
        );
      return count(
        route,
        new BffError('BFF_UPSTREAM_TIMEOUT', { detail: `${route.prefix}: no answer within ${timeout} ms` }),
      );
    }
    if (error instanceof BffError) return error;
    const code = (error as { code?: string }).code ?? '';
    if (TIMEOUT_CODES.has(code))
      return count(
        route,
        new BffError('BFF_UPSTREAM_TIMEOUT', {
          detail: `${route.prefix}: no answer within ${timeout} ms`,
          cause: error,
        }),
      );
    return count(
      route,
      new BffError('BFF_UPSTREAM_UNAVAILABLE', {
        detail: `${route.prefix}: ${code || 'failed'}`,
        cause: error,
      }),
    );
  }

  function count(route: ApiRoute, error: BffError): BffError {
    routeMetrics(route).count(error.status);
    return error;
  }
}
