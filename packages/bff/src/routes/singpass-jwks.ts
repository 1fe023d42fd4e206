/**
 * `GET /auth/singpass/jwks.json` (and `/auth/corppass/jwks.json`): the public halves of `SINGPASS_KEYS`
 * (`CORPPASS_KEYS`) (config/singpass-keys.ts), the URL to
 * register on the Singpass Developer Portal. Singpass fetches it to verify the BFF's client assertions
 * (the `sig` keys) and to encrypt ID tokens to the BFF (the `enc` keys). Only the public members
 * (`kty`, `crv`, `x`, `y`, `kid`, `use`, `alg`) are served, never `d`. Served only when Singpass is enabled;
 * cached briefly so a key rotation reaches Singpass within minutes.
 */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app-context';
import { toPublicJwks } from '../config';

export function registerSingpassJwksRoute(app: FastifyInstance, ctx: AppContext): void {
  // Corppass registers its client JWKS the same way (an HTTPS URL answering within 3 s), from CORPPASS_KEYS.
  for (const [name, room] of [
    ['singpass', ctx.config.singpass],
    ['corppass', ctx.config.corppass],
  ] as const) {
    if (room === undefined) continue;
    const jwksJson = JSON.stringify(toPublicJwks(room.keys.reveal()));
    app.get(`/auth/${name}/jwks.json`, async (_request, reply) =>
      reply.type('application/json').header('cache-control', 'public, max-age=300').send(jwksJson),
    );
  }
}
