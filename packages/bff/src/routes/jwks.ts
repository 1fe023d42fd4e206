/**
 * `GET /.well-known/jwks.json`: the public keys the proxy's identity tokens are signed with
 * (proxy/signing-keys.ts), for upstreams to verify them. Served only when `API_ROUTES` names a route.
 */
import type { FastifyInstance } from 'fastify';

export function registerJwksRoute(app: FastifyInstance, jwksJson: string): void {
  app.get('/.well-known/jwks.json', async (_request, reply) =>
    reply.type('application/json').header('cache-control', 'public, max-age=300').send(jwksJson),
  );
}
