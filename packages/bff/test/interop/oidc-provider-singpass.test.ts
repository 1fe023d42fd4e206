/**
 * The Singpass room against oidc-provider 9 (an OpenID-certified FAPI 2.0 OP), configured like Singpass
 * (SINGPASS-CORPPASS-FAPI.md §8.3): mounted at `/fapi` with Singpass's paths, FAPI 2.0 profile, PAR required,
 * DPoP-bound tokens, `private_key_jwt` ES256, ID tokens encrypted ECDH-ES+A256KW/A256CBC-HS512 and userinfo
 * as a JWE (A256GCM) of an ES256 JWS, claims in `sub_attributes` (Login apps) and `person_info` (Myinfo
 * apps). A login is driven with plain HTTP and a cookie jar: PAR → `/auth` → a tiny interaction route that
 * logs a fixed account in and grants the scopes → the callback URL → `completeLogin`.
 *
 * Where oidc-provider differs from Singpass, and what this test does about it (§8.3, last list):
 * - It requires neither `state` nor a code-flow `nonce` at PAR: the test records the PAR parameters it saw
 *   and asserts both were sent. Its `assertJwtClientAuthClaimsAndHeader` hook is set to Singpass's rules
 *   (`typ: JWT`, `sub` = `client_id`, `exp − iat` ≤ 120, and `aud` = issuer, re-implemented because
 *   overriding the hook drops the built-in FAPI check), and an `extraParams` validator enforces
 *   `authentication_context_type` (required for Login apps, forbidden for Myinfo apps).
 * - It ignores unknown scopes where Singpass answers `invalid_scope`; the test asks only for known ones.
 * - It accepts DPoP proofs without a nonce within ±300 s of `iat`; nonces are required only in the nonce
 *   test (`requireNonce`), which proves the BFF's single retry on `use_dpop_nonce`.
 * - It always adds `iss` to the callback (RFC 9207) and `expires_in`/`scope` to the token answer, `auth_time`
 *   and `sid` to the ID token and `iss`/`aud` to the JWE header; the BFF neither needs nor rejects them.
 * - Its access tokens are opaque (Singpass's are JWTs that RPs must treat as opaque): the DPoP binding is
 *   read from the `access_token.saved` event's `jkt`.
 * - Its error codes are its own; there is no Singpass app/QR journey, consent, SFA behaviour or upstream
 *   fault redirect. Its `expires_in` for PAR is 60 like Singpass's.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { calculateJwkThumbprint, decodeJwt, decodeProtectedHeader, type JWK } from 'jose';
import Provider, {
  type ClientMetadata,
  type Configuration,
  type KoaContextWithOIDC,
  errors as opErrors,
} from 'oidc-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CookieJar } from '../../../../scripts/lib/cookie-jar.mjs';
import { createSingpassProvider, type SingpassProvider } from '../../src/providers/singpass';
import { makeEcJwk, publicOf } from '../support/singpass-fixtures';

const LOA2 = 'urn:singpass:authentication:loa:2';
const REDIRECT_URI = 'https://app.example.sg/auth/callback/singpass';
const ACCOUNT = {
  sub: randomUUID(),
  sub_attributes: {
    account_type: 'standard',
    identity_number: 'S9812381D',
    identity_coi: 'SG',
    name: 'TAN XIAO HUI',
    email: 'tan.xiao.hui@example.com',
    mobileno: '97399245',
  },
  person_info: {
    uinfin: { value: 'S9812381D', source: '1', classification: 'C', lastupdated: '2024-03-01' },
    name: { value: 'TAN XIAO HUI', source: '1', classification: 'C', lastupdated: '2024-03-01' },
    sex: { code: 'F', desc: 'FEMALE', source: '1', classification: 'C', lastupdated: '2024-03-01' },
    dob: { value: '1998-06-06', source: '1', classification: 'C', lastupdated: '2024-03-01' },
    email: { unavailable: true },
    regadd: {
      type: 'SG',
      block: { value: '102' },
      building: { value: '' },
      floor: { value: '09' },
      unit: { value: '128' },
      street: { value: 'BEDOK NORTH AVENUE 4' },
      postal: { value: '460102' },
      country: { code: 'SG', desc: 'SINGAPORE' },
      source: '1',
      classification: 'C',
      lastupdated: '2024-03-01',
    },
  },
} as const;

/** Which part of the account each scope releases, and where (§4.9, §5). */
const LOGIN_SCOPE_ATTRIBUTES: Record<string, readonly string[]> = {
  'user.identity': ['account_type', 'identity_number', 'identity_coi'],
  name: ['name'],
  email: ['email'],
  mobileno: ['mobileno'],
};
const MYINFO_SCOPES = ['uinfin', 'name', 'sex', 'dob', 'email', 'regadd'];

interface ClientSetup {
  clientId: string;
  appType: 'login' | 'myinfo';
  keys: JWK[];
  /** No `id_token_encrypted_response_*`: oidc-provider then sends a bare JWS, which the BFF must refuse. */
  unencrypted?: boolean;
}

function makeClient(clientId: string, appType: 'login' | 'myinfo', unencrypted = false): ClientSetup {
  return {
    clientId,
    appType,
    unencrypted,
    keys: [makeEcJwk(`${clientId}-sig`, 'sig'), makeEcJwk(`${clientId}-enc`, 'enc', 'ECDH-ES+A256KW')],
  };
}

const loginApp = makeClient('loginapp0123456789abcdefghijklmn', 'login');
const myinfoApp = makeClient('myinfoapp123456789abcdefghijklmn', 'myinfo');
const plainApp = makeClient('plainapp0123456789abcdefghijklmn', 'login', true);

function clientMetadata(setup: ClientSetup): ClientMetadata {
  const scopes =
    setup.appType === 'login'
      ? ['openid', ...Object.keys(LOGIN_SCOPE_ATTRIBUTES)]
      : ['openid', ...MYINFO_SCOPES];
  return {
    client_id: setup.clientId,
    app_type: setup.appType,
    redirect_uris: [REDIRECT_URI],
    grant_types: ['authorization_code'],
    response_types: ['code'],
    scope: scopes.join(' '),
    token_endpoint_auth_method: 'private_key_jwt',
    token_endpoint_auth_signing_alg: 'ES256',
    jwks: { keys: setup.keys.map(publicOf) },
    id_token_signed_response_alg: 'ES256',
    ...(!setup.unencrypted && {
      id_token_encrypted_response_alg: 'ECDH-ES+A256KW',
      id_token_encrypted_response_enc: 'A256CBC-HS512',
    }),
    userinfo_signed_response_alg: 'ES256',
    userinfo_encrypted_response_alg: 'ECDH-ES+A256KW',
    userinfo_encrypted_response_enc: 'A256GCM',
    dpop_bound_access_tokens: true,
    require_pushed_authorization_requests: true,
  };
}

/** What oidc-provider saw, for the assertions the BFF's own answers cannot prove. */
const seen = {
  parParams: [] as Array<Record<string, unknown>>,
  accessTokenJkts: [] as string[],
};
/** What the BFF sent, through its injected fetch. */
const sent = { assertionJtis: [] as string[], dpopThumbprints: [] as string[], urls: [] as string[] };
/** The JWE headers of what the BFF received: the token answer's `id_token` and userinfo's body. */
const received = {
  idTokenHeaders: [] as Array<Record<string, unknown>>,
  userinfoHeaders: [] as Array<Record<string, unknown>>,
};
let requireDpopNonce = false;
/** Rewrites the token answer's `id_token` on its way to the BFF (tamper tests). */
let tamperIdToken: ((idToken: string) => string) | undefined;

let server: Server;
let provider: Provider;
let issuer: string;

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', issuer);
  if (url.pathname.startsWith('/interaction/')) return finishInteraction(req, res);
  if (url.pathname.startsWith('/fapi/') || url.pathname === '/fapi') {
    // Mounted at /fapi: oidc-provider routes on the rest and learns the mount from `originalUrl`.
    Object.assign(req, { originalUrl: req.url });
    req.url = (req.url ?? '').slice('/fapi'.length) || '/';
    return provider.callback()(req, res);
  }
  res.writeHead(404).end();
}

/** The fixed account logs in at LoA 2 and grants exactly the scopes asked for, without a browser. */
async function finishInteraction(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const details = await provider.interactionDetails(req, res);
  if (details.prompt.name === 'login') {
    await provider.interactionFinished(
      req,
      res,
      { login: { accountId: ACCOUNT.sub, acr: LOA2, amr: ['pwd', 'otp-sms'] } },
      { mergeWithLastSubmission: false },
    );
    return;
  }
  const grant = new provider.Grant({
    accountId: String(details.session?.accountId),
    clientId: String(details.params.client_id),
  });
  grant.addOIDCScope(String(details.params.scope));
  const grantId = await grant.save();
  await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
}

function singpassConfiguration(): Configuration {
  const opSigningKey = makeEcJwk('singpass-sig-1', 'sig', 'ES256');
  const ecdhAlgs = ['ECDH-ES+A128KW', 'ECDH-ES+A192KW', 'ECDH-ES+A256KW'];
  return {
    clients: [clientMetadata(loginApp), clientMetadata(myinfoApp), clientMetadata(plainApp)],
    jwks: { keys: [opSigningKey] },
    routes: {
      pushed_authorization_request: '/par',
      authorization: '/auth',
      token: '/token',
      userinfo: '/userinfo',
      jwks: '/.well-known/keys',
    },
    features: {
      fapi: { enabled: true, profile: '2.0' },
      pushedAuthorizationRequests: { enabled: true, requirePushedAuthorizationRequests: true },
      dPoP: {
        enabled: true,
        allowReplay: false,
        nonceSecret: randomBytes(32),
        requireNonce: () => requireDpopNonce,
      },
      encryption: { enabled: true },
      jwtUserinfo: { enabled: true },
      userinfo: { enabled: true },
      devInteractions: { enabled: false },
      registration: { enabled: false },
      introspection: { enabled: false },
      revocation: { enabled: false },
      clientCredentials: { enabled: false },
    },
    clientAuthMethods: ['private_key_jwt'],
    enabledJWA: {
      clientAuthSigningAlgValues: ['ES256', 'ES384', 'ES512'],
      dPoPSigningAlgValues: ['ES256', 'ES384', 'ES512'],
      idTokenSigningAlgValues: ['ES256'],
      userinfoSigningAlgValues: ['ES256'],
      idTokenEncryptionAlgValues: ecdhAlgs,
      idTokenEncryptionEncValues: ['A256CBC-HS512'],
      userinfoEncryptionAlgValues: ecdhAlgs,
      userinfoEncryptionEncValues: ['A256GCM'],
    } as Configuration['enabledJWA'],
    responseTypes: ['code'],
    acrValues: ['urn:singpass:authentication:loa:1', LOA2, 'urn:singpass:authentication:loa:3'],
    ttl: {
      AuthorizationCode: 60,
      AccessToken: 1800,
      IdToken: 600,
      Interaction: 600,
      Session: 600,
      Grant: 600,
    },
    extraClientMetadata: { properties: ['app_type'] },
    conformIdTokenClaims: false,
    claims: {
      // Singpass always sends acr and amr; oidc-provider releases a claim only through a scope (or the
      // `claims` parameter), so `openid` carries them.
      openid: ['sub', 'sub_type', 'acr', 'amr'],
      'user.identity': ['sub_attributes'],
      name: ['sub_attributes', 'person_info'],
      email: ['sub_attributes', 'person_info'],
      mobileno: ['sub_attributes'],
      uinfin: ['person_info'],
      sex: ['person_info'],
      dob: ['person_info'],
      regadd: ['person_info'],
    },
    extraParams: {
      // Singpass: required for Login apps, forbidden for Myinfo apps (§4.1).
      authentication_context_type(ctx: KoaContextWithOIDC, value: string | undefined, client) {
        if (ctx.oidc.route !== 'pushed_authorization_request') return;
        const isLogin = client.metadata().app_type === 'login';
        if (isLogin && value !== 'APP_AUTHENTICATION_DEFAULT')
          throw new opErrors.InvalidRequest('authentication_context_type is required for Login apps');
        if (!isLogin && value !== undefined)
          throw new opErrors.InvalidRequest('authentication_context_type is only for Login apps');
      },
    },
    // Singpass's assertion rules (§4.5, §8.2 row 3), with the FAPI 2.0 `aud` check the default hook had.
    assertJwtClientAuthClaimsAndHeader(ctx, claims, header, client) {
      if (claims.aud !== ctx.oidc.issuer) throw new opErrors.InvalidClientAuth('aud must be the issuer');
      if (header.typ !== 'JWT') throw new opErrors.InvalidClientAuth('typ must be JWT');
      if (claims.sub !== client.clientId) throw new opErrors.InvalidClientAuth('sub must be the client_id');
      if (typeof claims.exp !== 'number' || typeof claims.iat !== 'number' || claims.exp - claims.iat > 120)
        throw new opErrors.InvalidClientAuth('exp must be at most 120 s after iat');
    },
    async findAccount(ctx, accountId) {
      const appType = ctx.oidc.client?.metadata().app_type;
      return {
        accountId,
        async claims(use, scope) {
          const granted = new Set(scope.split(' '));
          if (appType === 'login') {
            const attributes = Object.fromEntries(
              Object.entries(ACCOUNT.sub_attributes).filter(([name]) =>
                [...granted].some((s) => LOGIN_SCOPE_ATTRIBUTES[s]?.includes(name)),
              ),
            );
            return {
              sub: accountId,
              sub_type: 'user',
              ...(Object.keys(attributes).length > 0 && { sub_attributes: attributes }),
            };
          }
          if (use !== 'userinfo') return { sub: accountId, sub_type: 'user' };
          const person = Object.fromEntries(
            Object.entries(ACCOUNT.person_info).filter(([name]) => granted.has(name)),
          );
          return { sub: accountId, person_info: person };
        },
      };
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
  };
}

/** The BFF's fetch: records what it sends (assertion `jti`s, DPoP keys) and can tamper the ID token. */
const bffFetch: typeof fetch = async (input, init) => {
  const url = String(input);
  sent.urls.push(url);
  const dpop = new Headers(init?.headers).get('dpop');
  if (dpop) sent.dpopThumbprints.push(await calculateJwkThumbprint(decodeProtectedHeader(dpop).jwk as JWK));
  if (typeof init?.body === 'string') {
    const assertion = new URLSearchParams(init.body).get('client_assertion');
    if (assertion) sent.assertionJtis.push(String(decodeJwt(assertion).jti));
  }
  const response = await fetch(input, init);
  if (url.endsWith('/fapi/userinfo') && response.status === 200)
    received.userinfoHeaders.push(decodeProtectedHeader(await response.clone().text()));
  if (url.endsWith('/fapi/token') && response.status === 200) {
    const { id_token } = (await response.clone().json()) as { id_token: string };
    received.idTokenHeaders.push(decodeProtectedHeader(id_token));
  }
  if (!tamperIdToken || !url.endsWith('/fapi/token') || response.status !== 200) return response;
  const body = (await response.json()) as Record<string, unknown>;
  return Response.json(
    { ...body, id_token: tamperIdToken(String(body.id_token)) },
    { headers: response.headers },
  );
};

function bffFor(setup: ClientSetup, scopes: string[]): SingpassProvider {
  return createSingpassProvider(
    {
      clientId: setup.clientId,
      issuer,
      redirectUri: REDIRECT_URI,
      scopes,
      appType: setup.appType,
      keys: setup.keys,
      timeoutMs: 5000,
      clockToleranceSeconds: 30,
    },
    { fetch: bffFetch, clock: Date.now },
  );
}

const secret = () => randomBytes(32).toString('base64url');

/** A browser following redirects from the authorization URL until it would land on the BFF's callback. */
async function browse(authorizationUrl: string): Promise<URL> {
  const jar = new CookieJar();
  let current = new URL(authorizationUrl);
  for (let hop = 0; hop < 10; hop++) {
    if (current.href.startsWith(REDIRECT_URI)) return current;
    const cookie = jar.headerFor({ url: current, topLevelNavigation: true });
    const response = await fetch(current, { redirect: 'manual', headers: cookie ? { cookie } : {} });
    jar.store(current, response.headers.getSetCookie());
    const location = response.headers.get('location');
    if (!location)
      throw new Error(
        `${current.pathname} answered ${response.status}: ${(await response.text()).slice(0, 500)}`,
      );
    current = new URL(location, current);
  }
  throw new Error('too many redirects');
}

/** One whole login: begin, browse, complete; the transaction's providerData JSON round-tripped. */
async function logIn(bff: SingpassProvider) {
  const secrets = { state: secret(), nonce: secret(), codeVerifier: secret() };
  const { url, providerData } = await bff.beginLogin(secrets);
  const callback = await browse(url);
  expect(callback.searchParams.get('state')).toBe(secrets.state);
  // oidc-provider always sends RFC 9207 `iss`; the shared layer compares it with the transaction's issuer.
  expect(callback.searchParams.get('iss')).toBe(issuer);
  return bff.completeLogin({
    ...secrets,
    code: callback.searchParams.get('code') ?? '',
    scopes: bff.scopes,
    providerData: JSON.parse(JSON.stringify(providerData)),
  });
}

beforeAll(async () => {
  server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      res.writeHead(500).end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}/fapi`;
  provider = new Provider(issuer, singpassConfiguration());
  provider.use(async (ctx, next) => {
    await next();
    if (ctx.oidc?.route === 'pushed_authorization_request' && ctx.status === 201)
      seen.parParams.push({ ...ctx.oidc.params });
  });
  provider.on('access_token.saved', (token: { jkt?: string }) => {
    if (token.jkt) seen.accessTokenJkts.push(token.jkt);
  });
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

describe('Singpass room against oidc-provider 9 as a Singpass-like FAPI 2.0 OP', () => {
  it('a Login app logs in: the identity comes from the encrypted ID token sub_attributes', async () => {
    const bff = bffFor(loginApp, ['openid', 'user.identity', 'name']);
    const identity = await logIn(bff);
    expect(identity).toEqual({
      provider: 'singpass',
      sub: ACCOUNT.sub,
      appType: 'login',
      scopes: ['openid', 'user.identity', 'name'],
      user: { accountType: 'standard', identityNumber: 'S9812381D', identityCoi: 'SG', name: 'TAN XIAO HUI' },
      acr: LOA2,
      amr: ['pwd', 'otp-sms'],
    });
    const par = seen.parParams.at(-1);
    expect(par).toMatchObject({
      authentication_context_type: 'APP_AUTHENTICATION_DEFAULT',
      code_challenge_method: 'S256',
    });
    expect(typeof par?.state).toBe('string');
    expect(typeof par?.nonce).toBe('string');
    expect(received.idTokenHeaders.at(-1)).toMatchObject({
      alg: 'ECDH-ES+A256KW',
      enc: 'A256CBC-HS512',
      kid: `${loginApp.clientId}-enc`,
    });
    // A Login app never calls userinfo.
    expect(sent.urls.filter((u) => u.endsWith('/fapi/userinfo'))).toEqual([]);
  });

  it('a Myinfo app logs in: the person comes from the encrypted userinfo person_info', async () => {
    const bff = bffFor(myinfoApp, ['openid', ...MYINFO_SCOPES]);
    const identity = await logIn(bff);
    expect(identity).toMatchObject({
      provider: 'singpass',
      sub: ACCOUNT.sub,
      appType: 'myinfo',
      user: {},
      acr: LOA2,
    });
    if (identity.provider !== 'singpass') throw new Error('not singpass');
    expect(identity.person).toMatchObject({
      uinfin: { available: true, value: 'S9812381D', source: '1', lastUpdated: '2024-03-01' },
      name: { available: true, value: 'TAN XIAO HUI' },
      sex: { available: true, value: { code: 'F', desc: 'FEMALE' } },
      dob: { available: true, value: '1998-06-06' },
      email: { available: false },
      regadd: {
        available: true,
        value: { type: 'SG', block: '102', postal: '460102', street: 'BEDOK NORTH AVENUE 4' },
      },
      other: {},
    });
    expect(seen.parParams.at(-1)?.authentication_context_type).toBeUndefined();
    expect(sent.urls.filter((u) => u.endsWith('/fapi/userinfo'))).toHaveLength(1);
    expect(received.userinfoHeaders.at(-1)).toMatchObject({ alg: 'ECDH-ES+A256KW', enc: 'A256GCM' });
  });

  it('two logins use two different DPoP keys, each bound to its own access token', async () => {
    const bff = bffFor(loginApp, ['openid', 'name']);
    const before = seen.accessTokenJkts.length;
    const sentBefore = sent.dpopThumbprints.length;
    await logIn(bff);
    const firstLogin = new Set(sent.dpopThumbprints.slice(sentBefore));
    const middle = sent.dpopThumbprints.length;
    await logIn(bff);
    const secondLogin = new Set(sent.dpopThumbprints.slice(middle));
    const [first, second] = seen.accessTokenJkts.slice(before);
    expect(first).toBeDefined();
    expect(second).toBeDefined();
    expect(first).not.toBe(second);
    // Within a login, PAR and token used the one key oidc-provider bound the access token to.
    expect([...firstLogin]).toEqual([first]);
    expect([...secondLogin]).toEqual([second]);
    const clientKeyThumbprints = await Promise.all(
      loginApp.keys.map((k) => calculateJwkThumbprint(publicOf(k))),
    );
    expect(clientKeyThumbprints).not.toContain(first);
  });

  it('no client assertion jti is ever reused across calls', () => {
    expect(sent.assertionJtis.length).toBeGreaterThanOrEqual(8);
    expect(new Set(sent.assertionJtis).size).toBe(sent.assertionJtis.length);
  });

  it('retries once with the DPoP nonce when the OP demands one, at PAR, token and userinfo', async () => {
    requireDpopNonce = true;
    try {
      const bff = bffFor(myinfoApp, ['openid', 'name']);
      const before = sent.urls.length;
      const identity = await logIn(bff);
      expect(identity.sub).toBe(ACCOUNT.sub);
      const calls = sent.urls.slice(before).map((u) => new URL(u).pathname);
      const count = (path: string) => calls.filter((c) => c === path).length;
      // PAR and token (each the first call of its half of the login) are refused once for want of a nonce
      // and succeed with it; userinfo, on the same origin, already has the token answer's nonce.
      expect(count('/fapi/par')).toBe(2);
      expect(count('/fapi/token')).toBe(2);
      expect(count('/fapi/userinfo')).toBe(1);
    } finally {
      requireDpopNonce = false;
    }
  });

  it('refuses an unencrypted ID token (a client registered without ID token encryption)', async () => {
    const bff = bffFor(plainApp, ['openid', 'name']);
    await expect(logIn(bff)).rejects.toMatchObject({ code: 'BFF_ID_TOKEN_NOT_ENCRYPTED' });
  });

  it('refuses a tampered ID token', async () => {
    const bff = bffFor(loginApp, ['openid', 'name']);
    tamperIdToken = (jwe) => {
      const parts = jwe.split('.');
      const ciphertext = parts[3] ?? '';
      parts[3] = `${ciphertext.slice(0, 10)}${ciphertext[10] === 'A' ? 'B' : 'A'}${ciphertext.slice(11)}`;
      return parts.join('.');
    };
    try {
      await expect(logIn(bff)).rejects.toMatchObject({ code: 'BFF_ID_TOKEN_DECRYPT_FAILED' });
    } finally {
      tamperIdToken = undefined;
    }
  });

  it('refuses an ID token whose JWE names an enc key the BFF does not hold', async () => {
    const bff = bffFor(loginApp, ['openid', 'name']);
    tamperIdToken = (jwe) => {
      const [header = '', ...rest] = jwe.split('.');
      const decoded = JSON.parse(Buffer.from(header, 'base64url').toString());
      return [
        Buffer.from(JSON.stringify({ ...decoded, kid: 'someone-else' })).toString('base64url'),
        ...rest,
      ].join('.');
    };
    try {
      await expect(logIn(bff)).rejects.toMatchObject({ code: 'BFF_ID_TOKEN_DECRYPT_FAILED' });
    } finally {
      tamperIdToken = undefined;
    }
  });
});
