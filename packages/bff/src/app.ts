/**
 * `createBffApp(config, deps)`: the BFF as a Fastify instance, not listening. Everything it touches comes
 * in as configuration or a dependency (store, fetch, clock, logger, random), so tests run it in-process
 * with a fake clock and a simulated network.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Tracer } from '@opentelemetry/api';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify';
import type { AppContext } from './app-context';
import type { BffConfig } from './config';
import type { RandomBytes } from './crypto/tokens';
import { BffServerError } from './errors';
import { hasDuplicateHost } from './http/check-host';
import { createConnectionLimiter } from './http/limit-connections';
import { buildBaseHeaders } from './http/security-headers';
import { sendError } from './http/send-error';
import { createClientErrorHandler, createServerFactory } from './http/server-limits';
import { createLogger } from './logger';
import { countAuthEvents } from './observability/auth-events';
import { instrumentFetch } from './observability/instrument-fetch';
import { createMetrics } from './observability/metrics';
import { registerObservability } from './observability/register-observability';
import { createRequestLogger } from './observability/request-logger';
import { registerRequestTracing } from './observability/trace-requests';
import { getDefaultTracer } from './observability/tracing';
import type { FetchLike } from './providers/call-provider';
import { createProviderRegistry, type ProviderOverrides } from './providers/registry';
import { createUndiciFetch, type UndiciFetch } from './providers/undici-fetch';
import { registerRoutes } from './routes';
import { createStoreFromConfig } from './store/create-store';
import { guardStore } from './store/guard-store';
import type { BffStore } from './store/store';

export interface BffDeps {
  /** Defaults to the store `config.store` names; a store passed in is not closed with the app. */
  store?: BffStore;
  /** Outbound HTTP to the providers; defaults to undici over a keep-alive pool (providers/undici-fetch.ts). */
  fetch?: FetchLike;
  /**
   * Providers to use instead of the built-in ones, by name (providers/registry.ts); only those the
   * configuration enables are used. Tests inject fakes here (e.g. a Singpass stand-in).
   */
  providers?: ProviderOverrides;
  /** Milliseconds since the epoch; defaults to `Date.now`. */
  clock?: () => number;
  logger?: FastifyBaseLogger;
  random?: RandomBytes;
  /**
   * Spans of logins, sessions, provider, store and proxied calls. Defaults to the global tracer: a no-op
   * until main.ts starts the OpenTelemetry SDK (`OTEL_*`); tests pass one with an in-memory exporter.
   */
  tracer?: Tracer;
}

/** How the app is embedded: the standalone server passes nothing; the mounted form (mount/) passes both. */
export interface BffAppOptions {
  /** Serve the SPA (`SPA_DIR`, `/`, the fallback); default true. A host server serves its own SPA. */
  serveSpa?: boolean;
  /** Handed the app context once built: the mounted form checks sessions for the host's routes with it. */
  onContext?: (ctx: AppContext) => void;
}

const SWEEP_INTERVAL_MS = 60_000;

export async function createBffApp(
  config: BffConfig,
  deps: BffDeps = {},
  options: BffAppOptions = {},
): Promise<FastifyInstance> {
  const ownsStore = deps.store === undefined;
  const rawStore = deps.store ?? (await createStoreFromConfig(config));
  const clock = deps.clock ?? Date.now;
  const random = deps.random ?? randomBytes;
  const metrics = createMetrics();
  const tracer = deps.tracer ?? getDefaultTracer();
  // Without an injected fetch (production), a lighter transport than the global fetch (undici-fetch.ts).
  const transport = deps.fetch === undefined ? createUndiciFetch() : undefined;
  const providerFetch = instrumentFetch(deps.fetch ?? (transport as UndiciFetch).fetch, metrics, tracer);
  const ctx: AppContext = {
    config,
    store: guardStore(rawStore, (operation) => metrics.storeErrors.inc({ operation }), tracer),
    providers: createProviderRegistry(config, { fetch: providerFetch, clock, tracer }, deps.providers),
    clock,
    random,
    events: countAuthEvents(metrics),
    tracer,
  };
  options.onContext?.(ctx);

  const logger = deps.logger ?? createLogger(config.logLevel);
  // Timeouts and the per-address connection bound live on the Node server itself (http/server-limits.ts,
  // http/limit-connections.ts), so they hold for the CLI and for every embedding of createBffApp.
  const connections = createConnectionLimiter({
    maxPerAddress: config.server.maxConnectionsPerAddress,
    ipv6PrefixBits: config.rateLimit.ipv6PrefixBits,
    trustProxy: config.trustProxy,
    onRefused: () => metrics.connectionsRefused.inc(),
  });
  const handleClientError = createClientErrorHandler(logger, (code) => metrics.clientErrors.inc({ code }));
  const app = Fastify({
    // Fastify gives its clientErrorHandler to the first server only; the factory gives it to each (one per
    // listening address, e.g. HOST=localhost). The handler leaves a socket it already answered alone.
    serverFactory: createServerFactory(config.server, (server) => {
      connections.attach(server);
      server.on('clientError', handleClientError);
    }),
    clientErrorHandler: handleClientError,
    loggerInstance: logger,
    logController: new LogController({ disableRequestLogging: !config.logRequests }),
    childLoggerFactory: createRequestLogger,
    bodyLimit: config.bodyLimit,
    trustProxy: typeof config.trustProxy === 'boolean' ? config.trustProxy : [...config.trustProxy],
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    return503OnClosing: true,
    routerOptions: { maxParamLength: 256 },
    frameworkErrors: (error, request, reply) =>
      sendError(
        request,
        reply,
        new BffServerError('BFF_BAD_REQUEST', { detail: error.code, cause: error }),
        random,
      ),
  });

  const headers = buildBaseHeaders(config);
  // One callback-style hook for every constant header and the request id (register-observability.ts):
  // no promise per request on the hot path.
  app.addHook('onRequest', (request, reply, done) => {
    reply.headers(request.url.startsWith('/auth/') ? headers.auth : headers.everywhere);
    reply.header('x-request-id', request.id);
    // Node keeps the first of two Host headers; a proxy in front may have routed by the second.
    if (hasDuplicateHost(request.raw.rawHeaders)) return done(new BffServerError('BFF_DUPLICATE_HOST'));
    done();
  });
  // While closing, sockets of requests that were in flight become idle only after their response; close
  // them as they do, or server.close() waits for KEEP_ALIVE_TIMEOUT (72 s), past any shutdown
  // deadline. A timer during shutdown costs nothing per request, unlike an onSend hook.
  let idleCloser: NodeJS.Timeout | undefined;
  app.addHook('preClose', async () => {
    idleCloser = setInterval(() => app.server.closeIdleConnections(), 50);
    idleCloser.unref();
  });
  app.addHook('onClose', async () => clearInterval(idleCloser));
  app.setErrorHandler((error, request, reply) => sendError(request, reply, error, random));
  // Only the logout form posts urlencoded, and it needs no fields: accept the type, ignore the content.
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 1024 },
    (_r, _b, done) => done(null, {}),
  );

  registerObservability(app, metrics);
  registerRequestTracing(app, tracer, {
    apiRoutes: new Map(
      config.proxy.routes.flatMap((route) => [
        [route.prefix, route.prefix],
        [`${route.prefix}/*`, route.prefix],
      ]),
    ),
    trustIncoming: config.traceTrustIncoming,
  });
  await registerRoutes(app, ctx, { metrics, providerFetch, serveSpa: options.serveSpa ?? true });

  const sweeper = setInterval(() => {
    ctx.store.sweep(clock()).catch((error: unknown) => app.log.warn({ err: error }, 'store sweep failed'));
  }, SWEEP_INTERVAL_MS);
  sweeper.unref();
  app.addHook('onClose', async () => {
    clearInterval(sweeper);
    await transport?.close();
    if (ownsStore) await rawStore.close();
  });
  for (const warning of config.warnings) app.log.warn(`DEVELOPMENT ONLY: ${warning}`);
  return app;
}
