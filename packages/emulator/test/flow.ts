/** In-process login steps over `inject()`, for the integration tests. */
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import {
  type AuthorizeOptions,
  authorizePath,
  CLIENT_ID,
  CLIENT_SECRET,
  createPkcePair,
  REDIRECT_URI,
} from './helpers';

export interface Authorized {
  code: string;
  verifier: string;
  redirectUri: string;
}

/** Authorize against an auto-approving emulator and take the code from the 302. */
export async function authorizeCode(
  app: FastifyInstance,
  options: AuthorizeOptions = {},
): Promise<Authorized> {
  const { verifier, challenge } = createPkcePair();
  const response = await app.inject({ url: authorizePath({ challenge, ...options }) });
  expect(response.statusCode).toBe(302);
  const location = new URL(String(response.headers.location));
  const code = location.searchParams.get('code');
  expect(code).toBeTruthy();
  return { code: code ?? '', verifier, redirectUri: options.redirectUri ?? REDIRECT_URI };
}

/** POST the token request, form-encoded; `overrides` replace or (with `undefined`) drop fields. */
export function postToken(
  app: FastifyInstance,
  authorized: Authorized,
  overrides: Record<string, string | undefined> = {},
  headers: Record<string, string> = {},
) {
  const fields: Record<string, string | undefined> = {
    grant_type: 'authorization_code',
    code: authorized.code,
    redirect_uri: authorized.redirectUri,
    code_verifier: authorized.verifier,
    client_id: CLIENT_ID,
    client_secret: CLIENT_SECRET,
    ...overrides,
  };
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) body.append(key, value);
  return app.inject({
    method: 'POST',
    url: '/v2/oauth/token',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    payload: body.toString(),
  });
}

/** Authorize + token; returns the token response body. */
export async function logIn(app: FastifyInstance, options: AuthorizeOptions = {}) {
  const authorized = await authorizeCode(app, options);
  const response = await postToken(app, authorized);
  expect(response.statusCode).toBe(200);
  return response.json() as {
    access_token: string;
    id_token: string;
    token_type: string;
    expires_in: number;
  };
}

export function getUserinfo(app: FastifyInstance, accessToken: string | undefined) {
  return app.inject({
    url: '/v2/oauth/userinfo',
    headers: accessToken === undefined ? {} : { authorization: `Bearer ${accessToken}` },
  });
}
