/**
 * `GET /v2/.well-known/jwks.json` and `/v2/.well-known/openid-configuration` (SGID-PROTOCOL.md §3.4,
 * §3.5). The JWKS key carries `kid`, `use: sig` and `alg: RS256` so every RP library can select it; the
 * discovery document states exactly what the emulator enforces.
 */
import { DATA_SCOPES, ID_TOKEN_ALG, OPENID_SCOPE, SGID_PATHS } from '@sgid-bff/protocol';
import type { FastifyInstance } from 'fastify';
import type { EmulatorContext } from '../context';

/** The discovery document for an issuer at `publicUrl`. */
export function buildDiscoveryDocument(publicUrl: string, issuer: string): Record<string, unknown> {
  return {
    issuer,
    authorization_endpoint: `${publicUrl}${SGID_PATHS.authorize}`,
    token_endpoint: `${publicUrl}${SGID_PATHS.token}`,
    userinfo_endpoint: `${publicUrl}${SGID_PATHS.userinfo}`,
    jwks_uri: `${publicUrl}${SGID_PATHS.jwks}`,
    response_types_supported: ['code'],
    response_modes_supported: ['query'],
    grant_types_supported: ['authorization_code'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: [ID_TOKEN_ALG],
    code_challenge_methods_supported: ['S256'],
    token_endpoint_auth_methods_supported: ['client_secret_post'],
    scopes_supported: [OPENID_SCOPE, ...DATA_SCOPES],
    claims_supported: ['iss', 'sub', 'aud', 'exp', 'iat', 'nonce'],
  };
}

export function registerWellKnownRoutes(app: FastifyInstance, context: EmulatorContext): void {
  const { config } = context;
  const jwks = JSON.stringify(context.jwks);
  const discovery = JSON.stringify(buildDiscoveryDocument(config.publicUrl, config.issuer));
  app.get(SGID_PATHS.jwks, async (_request, reply) =>
    reply.header('cache-control', 'public, max-age=300').type('application/json').send(jwks),
  );
  app.get(SGID_PATHS.discovery, async (_request, reply) =>
    reply.header('cache-control', 'public, max-age=300').type('application/json').send(discovery),
  );
}
