/**
 * A FAPI 2.0 provider's routes, at its profile's paths (Singpass under `/singpass/v3/fapi`, MockPass's
 * path; Corppass under `/corppass`): discovery, JWKS, PAR, authorize, token and userinfo. The QR page and simulated app are sgID's, shared.
 */
import type { FastifyInstance } from 'fastify';
import type { FapiRegisteredClient } from '../fapi-profile';
import type { FapiContext } from '../singpass-context';
import { registerSingpassAuthorizeRoute } from './authorize';
import { registerSingpassDiscovery } from './discovery';
import { registerParRoute } from './par';
import { registerSingpassTokenRoute } from './token';
import { registerSingpassUserinfoRoute } from './userinfo';

export function registerFapiRoutes<C extends FapiRegisteredClient>(
  app: FastifyInstance,
  context: FapiContext<C>,
): void {
  registerSingpassDiscovery(app, context);
  registerParRoute(app, context);
  registerSingpassAuthorizeRoute(app, context);
  registerSingpassTokenRoute(app, context);
  registerSingpassUserinfoRoute(app, context);
}
