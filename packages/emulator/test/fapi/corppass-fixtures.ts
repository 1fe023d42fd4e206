/**
 * Shared set-up for the Corppass FAPI tests, on top of the Singpass fixtures (same client keys, DPoP key
 * and form helpers): the Corppass issuer and paths, a Login client allow-listed for the context type and
 * one that is not, and a complete run up to a code and tokens.
 */
import type { FastifyInstance } from 'fastify';
import type { CorppassClientConfig, EmulatorConfig } from '../../src/index';
import { createEmulatorApp } from '../../src/index';
import {
  type ClientKeys,
  createDpopKey,
  createPkce,
  type DpopKey,
  makeAssertion,
  PUBLIC_URL,
  postForm,
} from './fapi-fixtures';

export const CP_ISSUER = `${PUBLIC_URL}/corppass`;
export const CP_CLIENT_ID = 'cpLoginClient0123456';
export const CP_PLAIN_CLIENT_ID = 'cpPlainClient0123456';
export const CP_REDIRECT_URI = 'http://localhost:3000/auth/corppass/callback';
export const CP_PATHS = {
  discovery: '/corppass/.well-known/openid-configuration',
  jwks: '/corppass/.well-known/keys',
  par: '/corppass/request',
  authorize: '/corppass/mga/sps/oauth/oauth20/authorize',
  token: '/corppass/mga/sps/oauth/oauth20/token',
  userinfo: '/corppass/userinfo',
} as const;
export const ALL_SCOPES =
  'openid authinfo tpauthinfo entity.identity entity.basic_profile.entity_name entity.basic_profile.uen_status user.identity user.name user.corppass.email';

export function corppassClient(
  keys: ClientKeys,
  overrides: Partial<CorppassClientConfig> = {},
): CorppassClientConfig {
  return {
    provider: 'corppass',
    id: CP_CLIENT_ID,
    name: 'Corppass Login Test App',
    appType: 'login',
    redirectUris: [CP_REDIRECT_URI],
    scopes: ALL_SCOPES.split(' ').filter((scope) => scope !== 'openid'),
    jwks: keys.jwks,
    contextTypes: ['APP_AUTHENTICATION_DEFAULT'],
    ...overrides,
  };
}

export function corppassConfig(
  keys: ClientKeys,
  overrides: Partial<EmulatorConfig> = {},
  publicUrl = PUBLIC_URL,
): EmulatorConfig {
  return {
    publicUrl,
    clients: [
      corppassClient(keys),
      corppassClient(keys, { id: CP_PLAIN_CLIENT_ID, contextTypes: undefined, scopes: ['authinfo'] }),
    ],
    autoApprove: 'S9812381D',
    ...overrides,
  };
}

export function createCorppassEmulator(
  keys: ClientKeys,
  overrides: Partial<EmulatorConfig> = {},
): Promise<FastifyInstance> {
  return createEmulatorApp(corppassConfig(keys, overrides));
}

export function cpUrl(path: string): string {
  return `${PUBLIC_URL}${path}`;
}

export function cpAssertion(keys: ClientKeys, clientId = CP_CLIENT_ID): Promise<string> {
  return makeAssertion(keys, { clientId, claims: { aud: CP_ISSUER } });
}

export async function cpParParams(
  keys: ClientKeys,
  challenge: string,
  overrides: Record<string, string | undefined> = {},
): Promise<Record<string, string | undefined>> {
  const clientId = overrides.client_id ?? CP_CLIENT_ID;
  return {
    client_id: clientId,
    client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
    client_assertion: await cpAssertion(keys, clientId),
    response_type: 'code',
    scope: ALL_SCOPES,
    state: 'state-0123456789abcdefghijklmnopqrstuvwxyz',
    nonce: 'nonce-0123456789abcdefghijklmnopqrstuvwxyz',
    redirect_uri: CP_REDIRECT_URI,
    code_challenge: challenge,
    code_challenge_method: 'S256',
    authentication_context_type: 'APP_AUTHENTICATION_DEFAULT',
    ...overrides,
  };
}

/** PAR then authorize: the authorize answer (302 with auto-approve, else the QR page). */
export async function cpAuthorize(
  app: FastifyInstance,
  keys: ClientKeys,
  dpop: DpopKey,
  overrides: Record<string, string | undefined> = {},
) {
  const pkce = createPkce();
  const clientId = overrides.client_id ?? CP_CLIENT_ID;
  const par = await postForm(
    app,
    CP_PATHS.par,
    await cpParParams(keys, pkce.challenge, overrides),
    await dpop.proof('POST', cpUrl(CP_PATHS.par)),
  );
  if (par.statusCode !== 201) throw new Error(`PAR failed: ${par.body}`);
  const requestUri = (par.json() as { request_uri: string }).request_uri;
  const answer = await app.inject({
    method: 'GET',
    url: `${CP_PATHS.authorize}?${new URLSearchParams({ client_id: clientId, request_uri: requestUri })}`,
  });
  return { answer, pkce, clientId };
}

/** Redeem a code at the Corppass token endpoint. */
export async function cpToken(
  app: FastifyInstance,
  keys: ClientKeys,
  dpop: DpopKey,
  code: string,
  verifier: string,
  clientId = CP_CLIENT_ID,
) {
  return postForm(
    app,
    CP_PATHS.token,
    {
      grant_type: 'authorization_code',
      code,
      redirect_uri: CP_REDIRECT_URI,
      code_verifier: verifier,
      client_id: clientId,
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: await cpAssertion(keys, clientId),
    },
    await dpop.proof('POST', cpUrl(CP_PATHS.token)),
  );
}

/** A whole auto-approved login up to the token answer. */
export async function cpSignIn(
  app: FastifyInstance,
  keys: ClientKeys,
  overrides: Record<string, string | undefined> = {},
) {
  const dpop = await createDpopKey();
  const { answer, pkce, clientId } = await cpAuthorize(app, keys, dpop, overrides);
  const location = new URL(String(answer.headers.location));
  const code = location.searchParams.get('code') ?? '';
  const token = await cpToken(app, keys, dpop, code, pkce.verifier, clientId);
  return { dpop, location, token };
}
