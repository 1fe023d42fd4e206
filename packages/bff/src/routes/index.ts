/**
 * Every endpoint of the BFF, one file each (or one per family) in this folder; what they use lives in the
 * feature folders (login/, session/, proxy/, observability/, http/). Registered in this order: the SPA
 * last, since it owns the not-found handler (the SPA fallback and `404 BFF_NOT_FOUND`).
 */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app-context';
import type { BffMetrics } from '../observability/metrics';
import type { FetchLike } from '../providers/call-provider';
import { createIdentityTokenCache } from '../proxy/identity-token-cache';
import { loadSigningKeys } from '../proxy/signing-keys';
import { registerAdminRoutes } from './admin';
import { registerApiProxy } from './api-proxy';
import { registerCallbackRoute } from './callback';
import { registerHealthRoutes } from './health';
import { registerJwksRoute } from './jwks';
import { registerLoginRoutes } from './login';
import { registerLogoutRoute } from './logout';
import { registerMetricsRoute } from './metrics';
import { registerProvidersRoute } from './providers';
import { registerSessionRoute } from './session';
import { registerSessionsRoutes } from './sessions';
import { registerSingpassJwksRoute } from './singpass-jwks';
import { registerSpa } from './spa';

export async function registerRoutes(
  app: FastifyInstance,
  ctx: AppContext,
  deps: {
    metrics: BffMetrics;
    /** The instrumented provider fetch, for the readiness check. */
    providerFetch: FetchLike;
    /** False when mounted in a host server: only the not-found answer of routes/spa.ts is kept. */
    serveSpa: boolean;
  },
): Promise<void> {
  const { metrics } = deps;
  // The proxy's signed identity tokens, reused per session and route (proxy/identity-token-cache.ts); the
  // routes that end sessions forget theirs.
  const identityTokens = createIdentityTokenCache();
  registerMetricsRoute(app, ctx, metrics);
  registerLoginRoutes(app, ctx);
  registerCallbackRoute(app, ctx);
  registerSingpassJwksRoute(app, ctx);
  registerProvidersRoute(app, ctx);
  registerSessionRoute(app, ctx);
  registerLogoutRoute(app, ctx, identityTokens);
  registerHealthRoutes(app, ctx, { metrics, fetch: deps.providerFetch });
  registerSessionsRoutes(app, ctx, metrics, identityTokens);
  registerAdminRoutes(app, ctx, metrics, identityTokens);
  const { proxy, store } = ctx.config;
  if (proxy.routes.length > 0) {
    const keys = await loadSigningKeys(proxy.signingKeyPem?.reveal(), store.dataDir);
    registerJwksRoute(app, keys.jwksJson);
    await registerApiProxy(app, ctx, { metrics, signingKey: keys.active, identityTokens });
  }
  await registerSpa(app, ctx, { serveSpa: deps.serveSpa });
}
