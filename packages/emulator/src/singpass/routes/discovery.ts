/**
 * `GET <issuer>/.well-known/openid-configuration` and `<issuer>/.well-known/keys` (§2, §8.1): the five
 * endpoints and exactly what the emulator enforces. `authorization_response_iss_parameter_supported`
 * follows the `issParameter` toggle: when true openid-client demands `iss` in the callback.
 */
import { MYINFO_SCOPES, SINGPASS_LOGIN_SCOPES } from '@sgid-bff/protocol';
import type { FastifyInstance } from 'fastify';
import {
  ID_TOKEN_ENC,
  SINGPASS_ENC_KEY_ALGS,
  SINGPASS_JWS_ALGS,
  SINGPASS_PATHS,
  USERINFO_ENC,
} from '../constants';
import type { SingpassContext } from '../singpass-context';

export function buildSingpassDiscovery(
  publicUrl: string,
  issuer: string,
  issParameter: boolean,
): Record<string, unknown> {
  return {
    issuer,
    pushed_authorization_request_endpoint: `${publicUrl}${SINGPASS_PATHS.par}`,
    authorization_endpoint: `${publicUrl}${SINGPASS_PATHS.authorize}`,
    token_endpoint: `${publicUrl}${SINGPASS_PATHS.token}`,
    userinfo_endpoint: `${publicUrl}${SINGPASS_PATHS.userinfo}`,
    jwks_uri: `${publicUrl}${SINGPASS_PATHS.jwks}`,
    require_pushed_authorization_requests: true,
    authorization_response_iss_parameter_supported: issParameter,
    response_types_supported: ['code'],
    response_modes_supported: ['query'],
    grant_types_supported: ['authorization_code'],
    subject_types_supported: ['public'],
    scopes_supported: [...new Set<string>([...SINGPASS_LOGIN_SCOPES, ...MYINFO_SCOPES])],
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
    acr_values_supported: [
      'urn:singpass:authentication:loa:1',
      'urn:singpass:authentication:loa:2',
      'urn:singpass:authentication:loa:3',
    ],
    claims_supported: [
      'sub',
      'sub_type',
      'sub_attributes',
      'aud',
      'iss',
      'iat',
      'exp',
      'nonce',
      'acr',
      'amr',
    ],
  };
}

export function registerSingpassDiscovery(app: FastifyInstance, context: SingpassContext): void {
  const { config } = context.shared;
  const discovery = JSON.stringify(
    buildSingpassDiscovery(config.publicUrl, config.singpassIssuer, config.singpass.issParameter),
  );
  const jwks = JSON.stringify(context.jwks);
  app.get(SINGPASS_PATHS.discovery, async (_request, reply) =>
    reply.header('cache-control', 'public, max-age=300').type('application/json').send(discovery),
  );
  app.get(SINGPASS_PATHS.jwks, async (_request, reply) =>
    reply.header('cache-control', 'public, max-age=300').type('application/jwk-set+json').send(jwks),
  );
}
