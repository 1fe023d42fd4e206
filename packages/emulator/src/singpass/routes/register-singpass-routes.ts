/**
 * The Singpass FAPI 2.0 provider under `/singpass/v3/fapi` (MockPass's path, so users can switch):
 * discovery, JWKS, PAR, authorize, token and userinfo. The QR page and simulated app are sgID's, shared.
 */
import type { FastifyInstance } from 'fastify';
import type { SingpassContext } from '../singpass-context';
import { registerSingpassAuthorizeRoute } from './authorize';
import { registerSingpassDiscovery } from './discovery';
import { registerParRoute } from './par';
import { registerSingpassTokenRoute } from './token';
import { registerSingpassUserinfoRoute } from './userinfo';

export function registerSingpassRoutes(app: FastifyInstance, context: SingpassContext): void {
  registerSingpassDiscovery(app, context);
  registerParRoute(app, context);
  registerSingpassAuthorizeRoute(app, context);
  registerSingpassTokenRoute(app, context);
  registerSingpassUserinfoRoute(app, context);
}
