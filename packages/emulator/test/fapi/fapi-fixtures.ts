/**
 * Shared set-up for the Singpass FAPI tests: client key pairs (an ES256 signing key and a P-256
 * ECDH-ES+A256KW encryption key, the pair openid-client can use), a Login and a Myinfo client, and a
 * hand-rolled relying party (jose) that builds assertions and DPoP proofs so each test can break exactly
 * one rule.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import {
  type CryptoKey,
  calculateJwkThumbprint,
  compactDecrypt,
  decodeJwt,
  exportJWK,
  generateKeyPair,
  type JWK,
  type JWTPayload,
  SignJWT,
} from 'jose';
import { freePort } from '../../../../scripts/lib/processes.mjs';
import {
  createEmulatorApp,
  type EmulatorConfig,
  type EmulatorDeps,
  type SingpassClientConfig,
} from '../../src/index';

export const PUBLIC_URL = 'http://127.0.0.1:5156';
export const ISSUER = `${PUBLIC_URL}/singpass/v3/fapi`;
export const LOGIN_CLIENT_ID = 'spLoginClient0123456789abcdefABCD';
export const MYINFO_CLIENT_ID = 'spMyinfoClient0123456789abcdefAB';
export const REDIRECT_URI = 'http://localhost:3000/auth/singpass/callback';
export const NRIC = 'S9812381D';
export const SFA_NRIC = 'F8123456Q';

export interface ClientKeys {
  signing: { privateKey: CryptoKey; publicJwk: JWK; kid: string };
  encryption: { privateKey: CryptoKey; publicJwk: JWK; kid: string };
  jwks: { keys: JWK[] };
}

export async function createClientKeys(): Promise<ClientKeys> {
  const sig = await generateKeyPair('ES256', { extractable: true });
  const enc = await generateKeyPair('ECDH-ES+A256KW', { crv: 'P-256', extractable: true });
  const sigJwk = { ...(await exportJWK(sig.publicKey)), kid: 'sig-1', use: 'sig', alg: 'ES256' };
  const encJwk = { ...(await exportJWK(enc.publicKey)), kid: 'enc-1', use: 'enc', alg: 'ECDH-ES+A256KW' };
  return {
    signing: { privateKey: sig.privateKey, publicJwk: sigJwk, kid: 'sig-1' },
    encryption: { privateKey: enc.privateKey, publicJwk: encJwk, kid: 'enc-1' },
    jwks: { keys: [sigJwk, encJwk] },
  };
}

export function loginClient(
  keys: ClientKeys,
  overrides: Partial<SingpassClientConfig> = {},
): SingpassClientConfig {
  return {
    provider: 'singpass',
    id: LOGIN_CLIENT_ID,
    name: 'Singpass Login Test App',
    appType: 'login',
    redirectUris: [REDIRECT_URI],
    scopes: ['openid', 'user.identity', 'name', 'email', 'mobileno'],
    jwks: keys.jwks,
    acrValues: ['urn:singpass:authentication:loa:2'],
    ...overrides,
  };
}

export function myinfoClient(
  keys: ClientKeys,
  overrides: Partial<SingpassClientConfig> = {},
): SingpassClientConfig {
  return {
    provider: 'singpass',
    id: MYINFO_CLIENT_ID,
    name: 'Myinfo Test App',
    appType: 'myinfo',
    redirectUris: [REDIRECT_URI],
    scopes: ['openid', 'uinfin', 'name', 'sex', 'dob', 'regadd', 'mobileno', 'email', 'cpfbalances.oa'],
    jwks: keys.jwks,
    ...overrides,
  };
}

export function singpassConfig(
  keys: ClientKeys,
  overrides: Partial<EmulatorConfig> = {},
  publicUrl = PUBLIC_URL,
): EmulatorConfig {
  return { publicUrl, clients: [loginClient(keys), myinfoClient(keys)], autoApprove: NRIC, ...overrides };
}

export function createPkce(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** A client assertion; `claims`/`header` override the defaults (a `null` claim is removed). */
export async function makeAssertion(
  keys: ClientKeys,
  options: {
    clientId?: string;
    claims?: Record<string, unknown>;
    header?: Record<string, unknown>;
    key?: CryptoKey;
    now?: number;
  } = {},
): Promise<string> {
  const clientId = options.clientId ?? LOGIN_CLIENT_ID;
  const now = options.now ?? Math.floor(Date.now() / 1000);
  const claims: Record<string, unknown> = {
    iss: clientId,
    sub: clientId,
    aud: ISSUER,
    iat: now,
    exp: now + 60,
    jti: randomUUID(),
    ...options.claims,
  };
  for (const [name, value] of Object.entries(claims)) if (value === null) delete claims[name];
  const header = { alg: 'ES256', typ: 'JWT', kid: keys.signing.kid, ...options.header };
  for (const [name, value] of Object.entries(header))
    if (value === null) delete (header as Record<string, unknown>)[name];
  return new SignJWT(claims as JWTPayload)
    .setProtectedHeader(header as { alg: string })
    .sign(options.key ?? keys.signing.privateKey);
}

/** A per-login DPoP key and a proof maker. */
export async function createDpopKey() {
  const pair = await generateKeyPair('ES256', { extractable: true });
  const jwk = await exportJWK(pair.publicKey);
  const jkt = await calculateJwkThumbprint(jwk);
  async function proof(
    method: string,
    url: string,
    options: {
      claims?: Record<string, unknown>;
      header?: Record<string, unknown>;
      accessToken?: string;
      now?: number;
    } = {},
  ): Promise<string> {
    const now = options.now ?? Math.floor(Date.now() / 1000);
    const claims: Record<string, unknown> = {
      htm: method,
      htu: url,
      iat: now,
      jti: randomUUID(),
      ...(options.accessToken === undefined
        ? {}
        : { ath: createHash('sha256').update(options.accessToken).digest('base64url') }),
      ...options.claims,
    };
    for (const [name, value] of Object.entries(claims)) if (value === null) delete claims[name];
    const header: Record<string, unknown> = { alg: 'ES256', typ: 'dpop+jwt', jwk, ...options.header };
    for (const [name, value] of Object.entries(header)) if (value === null) delete header[name];
    return new SignJWT(claims as JWTPayload)
      .setProtectedHeader(header as { alg: string })
      .sign(pair.privateKey);
  }
  return { jwk, jkt, proof };
}

export type DpopKey = Awaited<ReturnType<typeof createDpopKey>>;

export const PATHS = {
  par: '/singpass/v3/fapi/par',
  authorize: '/singpass/v3/fapi/auth',
  token: '/singpass/v3/fapi/token',
  userinfo: '/singpass/v3/fapi/userinfo',
} as const;

export function url(path: string): string {
  return `${PUBLIC_URL}${path}`;
}

export function form(values: Record<string, string | undefined>): string {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(values)) if (value !== undefined) body.append(name, value);
  return body.toString();
}

/** Valid PAR parameters for the Login client; override or remove (`undefined`) any. */
export function parParams(
  assertion: string,
  challenge: string,
  overrides: Record<string, string | undefined> = {},
): Record<string, string | undefined> {
  return {
    client_id: LOGIN_CLIENT_ID,
    client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
    client_assertion: assertion,
    response_type: 'code',
    scope: 'openid user.identity name',
    state: 'state-0123456789abcdefghijklmnopqrstuvwxyz',
    nonce: 'nonce-0123456789abcdefghijklmnopqrstuvwxyz',
    redirect_uri: REDIRECT_URI,
    code_challenge: challenge,
    code_challenge_method: 'S256',
    authentication_context_type: 'APP_AUTHENTICATION_DEFAULT',
    ...overrides,
  };
}

/** POST a form with an optional DPoP header through inject(). */
export function postForm(
  app: FastifyInstance,
  path: string,
  body: Record<string, string | undefined>,
  dpop?: string,
) {
  return app.inject({
    method: 'POST',
    url: path,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...(dpop === undefined ? {} : { dpop }),
    },
    payload: form(body),
  });
}

/** A complete, valid run up to a code: PAR then authorize (auto-approve). */
export async function obtainCode(
  app: FastifyInstance,
  keys: ClientKeys,
  dpop: DpopKey,
  overrides: Record<string, string | undefined> = {},
) {
  const pkce = createPkce();
  const clientId = overrides.client_id ?? LOGIN_CLIENT_ID;
  const par = await postForm(
    app,
    PATHS.par,
    parParams(await makeAssertion(keys, { clientId }), pkce.challenge, overrides),
    await dpop.proof('POST', url(PATHS.par)),
  );
  if (par.statusCode !== 201) throw new Error(`PAR failed: ${par.body}`);
  const requestUri = (par.json() as { request_uri: string }).request_uri;
  const auth = await app.inject({
    method: 'GET',
    url: `${PATHS.authorize}?${new URLSearchParams({ client_id: clientId, request_uri: requestUri })}`,
  });
  const location = new URL(String(auth.headers.location));
  return { code: location.searchParams.get('code') ?? '', pkce, requestUri, location, clientId };
}

/** Token request parameters for a code. */
export async function tokenParams(
  keys: ClientKeys,
  code: string,
  verifier: string,
  overrides: Record<string, string | undefined> = {},
): Promise<Record<string, string | undefined>> {
  const clientId = overrides.client_id ?? LOGIN_CLIENT_ID;
  return {
    grant_type: 'authorization_code',
    code,
    redirect_uri: REDIRECT_URI,
    code_verifier: verifier,
    client_id: clientId,
    client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
    client_assertion: await makeAssertion(keys, { clientId }),
    ...overrides,
  };
}

/** Decrypt a compact JWE with the client's key and return the inner JWS payload (unverified). */
export async function openNested(
  jwe: string,
  keys: ClientKeys,
): Promise<{ header: Record<string, unknown>; claims: JWTPayload }> {
  const { plaintext, protectedHeader } = await compactDecrypt(jwe, keys.encryption.privateKey);
  return {
    header: protectedHeader as Record<string, unknown>,
    claims: decodeJwt(new TextDecoder().decode(plaintext)),
  };
}

export async function createSingpassEmulator(
  keys: ClientKeys,
  overrides: Partial<EmulatorConfig> = {},
  deps: EmulatorDeps = {},
): Promise<FastifyInstance> {
  return createEmulatorApp(singpassConfig(keys, overrides), deps);
}

/** An emulator listening on 127.0.0.1 (random port) with publicUrl = its real origin. */
export async function startSingpassEmulator(
  keys: ClientKeys,
  overrides: Partial<EmulatorConfig> = {},
): Promise<{ app: FastifyInstance; origin: string; issuer: string }> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const app = await createEmulatorApp(singpassConfig(keys, overrides, origin));
  await app.listen({ port, host: '127.0.0.1' });
  return { app, origin, issuer: `${origin}/singpass/v3/fapi` };
}
