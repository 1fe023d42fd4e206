/**
 * `GET <issuer>/.well-known/openid-configuration` and `<issuer>/.well-known/keys` (§2, §8.1), for every
 * FAPI provider: the five endpoints (the profile's paths) and exactly what the emulator enforces; the
 * JWKS as `application/jwk-set+json`. `authorization_response_iss_parameter_supported`
 * follows the `issParameter` toggle: when true openid-client demands `iss` in the callback.
 */
import type { FastifyInstance } from 'fastify';
import { ID_TOKEN_ENC, SINGPASS_ENC_KEY_ALGS, SINGPASS_JWS_ALGS, USERINFO_ENC } from '../constants';
import type { FapiProfile, FapiRegisteredClient } from '../fapi-profile';
import type { FapiContext } from '../singpass-context';

export function buildFapiDiscovery<C extends FapiRegisteredClient>(
  publicUrl: string,
  profile: FapiProfile<C>,
): Record<string, unknown> {
  const { paths } = profile;
  return {
    issuer: profile.issuer,
    pushed_authorization_request_endpoint: `${publicUrl}${paths.par}`,
    authorization_endpoint: `${publicUrl}${paths.authorize}`,
    token_endpoint: `${publicUrl}${paths.token}`,
    userinfo_endpoint: `${publicUrl}${paths.userinfo}`,
    jwks_uri: `${publicUrl}${paths.jwks}`,
    require_pushed_authorization_requests: true,
    authorization_response_iss_parameter_supported: profile.options.issParameter,
    response_types_supported: ['code'],
    response_modes_supported: ['query'],
    grant_types_supported: ['authorization_code'],
    subject_types_supported: ['public'],
    code_challenge_methods_supported: ['S256'],
    token_endpoint_auth_methods_supported: ['private_key_jwt'],
    token_endpoint_auth_signing_alg_values_supported: [...SINGPASS_JWS_ALGS],
    dpop_signing_alg_values_supported: [...SINGPASS_JWS_ALGS],
    id_token_signing_alg_values_supported: ['ES256'],
    id_token_encryption_alg_values_supported: [...SINGPASS_ENC_KEY_ALGS],
    id_token_encryption_enc_values_supported: [ID_TOKEN_ENC],
    userinfo_signing_alg_values_supported: ['ES256'],
    userinfo_encryption_alg_values_supported: [...SINGPASS_ENC_KEY_ALGS],
    userinfo_encryption_enc_values_supported: [USERINFO_ENC],
    ...profile.discovery,
  };
}

export function registerSingpassDiscovery<C extends FapiRegisteredClient>(
  app: FastifyInstance,
  context: FapiContext<C>,
): void {
  const { config } = context.shared;
  const { profile } = context;
  const discovery = JSON.stringify(buildFapiDiscovery(config.publicUrl, profile));
  const jwks = JSON.stringify(context.jwks);
  app.get(profile.paths.discovery, async (_request, reply) =>
    reply.header('cache-control', 'public, max-age=300').type('application/json').send(discovery),
  );
  app.get(profile.paths.jwks, async (_request, reply) =>
    reply.header('cache-control', 'public, max-age=300').type('application/jwk-set+json').send(jwks),
  );
}
