/**
 * oidc-provider 9 configured as a Singpass-like FAPI 2.0 OP (SINGPASS-CORPPASS-FAPI.md §8.3), on 127.0.0.1
 * at a random port, mounted at `/fapi` with Singpass's paths, for `interop/oidc-provider-singpass.test.ts`.
 * A fixed account; an interaction route that logs it in at LoA 2 and grants exactly the requested scopes
 * without a browser; Login-app claims in `sub_attributes`, Myinfo-app claims in `person_info`. Where this
 * differs from Singpass is listed at the top of the test.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { JWK } from 'jose';
import Provider, {
  type ClientMetadata,
  type Configuration,
  type KoaContextWithOIDC,
  errors as opErrors,
} from 'oidc-provider';
import { makeEcJwk, publicOf } from './singpass-fixtures';

export const LOA2 = 'urn:singpass:authentication:loa:2';
export const REDIRECT_URI = 'https://app.example.sg/auth/callback/singpass';
export const ACCOUNT = {
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
export const LOGIN_SCOPE_ATTRIBUTES: Record<string, readonly string[]> = {
  'user.identity': ['account_type', 'identity_number', 'identity_coi'],
  name: ['name'],
  email: ['email'],
  mobileno: ['mobileno'],
};
export const MYINFO_SCOPES = ['uinfin', 'name', 'sex', 'dob', 'email', 'regadd'];

export interface ClientSetup {
  clientId: string;
  appType: 'login' | 'myinfo';
  keys: JWK[];
  /** No `id_token_encrypted_response_*`: oidc-provider then sends a bare JWS, which the BFF must refuse. */
  unencrypted?: boolean;
}

export function makeClient(clientId: string, appType: 'login' | 'myinfo', unencrypted = false): ClientSetup {
  return {
    clientId,
    appType,
    unencrypted,
    keys: [makeEcJwk(`${clientId}-sig`, 'sig'), makeEcJwk(`${clientId}-enc`, 'enc', 'ECDH-ES+A256KW')],
  };
}

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

export interface SingpassLikeOp {
  issuer: string;
  /** What oidc-provider saw, for the assertions the BFF's own answers cannot prove. */
  seen: { parParams: Array<Record<string, unknown>>; accessTokenJkts: string[] };
  /** From now on, every DPoP proof must carry a server nonce (`use_dpop_nonce` otherwise). */
  requireDpopNonce(required: boolean): void;
  close(): Promise<void>;
}

export async function startSingpassLikeOp(clients: readonly ClientSetup[]): Promise<SingpassLikeOp> {
  const seen: SingpassLikeOp['seen'] = { parParams: [], accessTokenJkts: [] };
  let requireDpopNonce = false;
  let started: Provider | undefined;
  const provider = (): Provider => {
    if (!started) throw new Error('the OP is not started');
    return started;
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname.startsWith('/interaction/')) return finishInteraction(req, res);
    if (url.pathname.startsWith('/fapi/') || url.pathname === '/fapi') {
      // Mounted at /fapi: oidc-provider routes on the rest and learns the mount from `originalUrl`.
      Object.assign(req, { originalUrl: req.url });
      req.url = (req.url ?? '').slice('/fapi'.length) || '/';
      return provider().callback()(req, res);
    }
    res.writeHead(404).end();
  }

  /** The fixed account logs in at LoA 2 and grants exactly the scopes asked for, without a browser. */
  async function finishInteraction(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const details = await provider().interactionDetails(req, res);
    if (details.prompt.name === 'login') {
      await provider().interactionFinished(
        req,
        res,
        { login: { accountId: ACCOUNT.sub, acr: LOA2, amr: ['pwd', 'otp-sms'] } },
        { mergeWithLastSubmission: false },
      );
      return;
    }
    const grant = new (provider().Grant)({
      accountId: String(details.session?.accountId),
      clientId: String(details.params.client_id),
    });
    grant.addOIDCScope(String(details.params.scope));
    const grantId = await grant.save();
    await provider().interactionFinished(
      req,
      res,
      { consent: { grantId } },
      { mergeWithLastSubmission: true },
    );
  }

  function singpassConfiguration(): Configuration {
    const opSigningKey = makeEcJwk('singpass-sig-1', 'sig', 'ES256');
    const ecdhAlgs = ['ECDH-ES+A128KW', 'ECDH-ES+A192KW', 'ECDH-ES+A256KW'];
    return {
      clients: clients.map(clientMetadata),
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

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      res.writeHead(500).end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}/fapi`;
  const op = new Provider(issuer, singpassConfiguration());
  started = op;
  op.use(async (ctx, next) => {
    await next();
    if (ctx.oidc?.route === 'pushed_authorization_request' && ctx.status === 201)
      seen.parParams.push({ ...ctx.oidc.params });
  });
  op.on('access_token.saved', (token: { jkt?: string }) => {
    if (token.jkt) seen.accessTokenJkts.push(token.jkt);
  });
  return {
    issuer,
    seen,
    requireDpopNonce: (required) => {
      requireDpopNonce = required;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
