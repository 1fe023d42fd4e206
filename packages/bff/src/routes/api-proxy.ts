/**
 * The API proxy (SECURITY.md `/api/*`): only the routes in `API_ROUTES`, each with its methods.
 * Per request, in order: CSRF header and origin rules; a live session (JSON 401 otherwise, never a
 * redirect); a safe path suffix (proxy/check-upstream-path.ts, `400 BFF_UNSAFE_PATH`); the method (405
 * with `Allow`); then the call itself (proxy/forward-request.ts): a slot among the session's
 * `API_MAX_CONCURRENT_PER_SESSION` (`429 BFF_TOO_MANY_CONCURRENT`), the body rules (proxy/read-body.ts),
 * one deadline up to the answer's headers, both bodies streamed, failures mapped by
 * proxy/map-upstream-error.ts (`504 BFF_UPSTREAM_TIMEOUT`, `408 BFF_REQUEST_BODY_TIMEOUT`, `502
 * BFF_UPSTREAM_UNAVAILABLE`). Unknown `/api/*` paths are `404 BFF_NOT_FOUND` (routes/spa.ts).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../app-context';
import type { ApiRoute } from '../config';
import { BffServerError } from '../errors';
import type { BffMetrics } from '../observability/metrics';
import { checkRequiredRoles, readCorppassView } from '../proxy/check-roles';
import { checkUpstreamPath } from '../proxy/check-upstream-path';
import { createConcurrencyLimit } from '../proxy/concurrency-limit';
import { createForwarder } from '../proxy/forward-request';
import { createIdentityTokenSigner } from '../proxy/identity-token';
import type { IdentityTokenCache } from '../proxy/identity-token-cache';
import { createRouteMetrics } from '../proxy/route-metrics';
import type { SigningKey } from '../proxy/signing-keys';
import { requireSession } from '../session/require-session';

/** Sending time before `API_BODY_MIN_RATE` applies (Kestrel's default grace). */
const BODY_GRACE_MS = 5000;

export async function registerApiProxy(
  app: FastifyInstance,
  ctx: AppContext,
  deps: { metrics: BffMetrics; signingKey: SigningKey; identityTokens?: IdentityTokenCache },
): Promise<void> {
  const { proxy, publicOrigin } = ctx.config;
  const { metrics } = deps;
  const signer = createIdentityTokenSigner({
    key: deps.signingKey,
    issuer: publicOrigin,
    ttlSeconds: proxy.tokenTtlSeconds,
    clock: ctx.clock,
    random: ctx.random,
    cache: deps.identityTokens,
  });
  const forwarder = createForwarder({
    connections: proxy.upstreamConnections,
    body: { limit: proxy.bodyLimit, minRate: proxy.bodyMinRate, graceMs: BODY_GRACE_MS },
    publicOrigin,
  });
  app.addHook('onClose', async () => forwarder.close());
  const concurrency = createConcurrencyLimit(proxy.maxConcurrentPerSession);
  const routeMetrics = createRouteMetrics(metrics);

  async function handle(request: FastifyRequest, reply: FastifyReply, route: ApiRoute) {
    const { session } = await requireSession(ctx, request, reply, { extendIdle: true });
    const corppass = route.requireRoles.length > 0 ? readCorppassView(session) : undefined;
    const roles = checkRequiredRoles(corppass, route, ctx.clock());
    const suffix = checkUpstreamPath(request.url.slice(route.prefix.length));
    if (suffix === undefined)
      throw new BffServerError('BFF_UNSAFE_PATH', { detail: 'dot-segment or ; parameter in the path' });
    if (!(route.methods as readonly string[]).includes(request.method)) {
      reply.header('allow', route.methods.join(', '));
      throw new BffServerError('BFF_METHOD_NOT_ALLOWED', { detail: `${request.method} ${route.prefix}` });
    }
    return forwarder.forward(request, reply, {
      route,
      upstreamUrl: `${route.upstream}${suffix}`,
      timeoutMs: route.timeoutMs ?? proxy.timeoutMs,
      takeSlot: () => concurrency.acquire(session.idHash),
      signIdentityToken: () => signer.sign(session, route, roles),
      metrics: routeMetrics(route.prefix),
    });
  }

  await app.register(async (scope) => {
    // Bodies stay unread streams: the forwarder pipes `request.raw` straight upstream.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, _payload, done) => done(null));
    for (const route of proxy.routes) {
      const handler = (request: FastifyRequest, reply: FastifyReply) => handle(request, reply, route);
      scope.all(route.prefix, handler);
      scope.all(`${route.prefix}/*`, handler);
    }
  });
}
