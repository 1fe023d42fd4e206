/**
 * oidc-provider 9 configured as a FAPI 2.0 OP like Singpass or Corppass (SINGPASS-CORPPASS-FAPI.md §8.3), on
 * 127.0.0.1 at a random port, for the interop tests. What both providers share lives here: FAPI 2.0
 * profile, PAR required, DPoP (`allowReplay: false`, nonces on demand), `private_key_jwt` ES256 with the
 * §4.5 assertion rules, ES256 signing, ECDH-ES ID-token (A256CBC-HS512) and userinfo (A256GCM) encryption,
 * and an interaction route that logs the profile's account in and grants exactly the requested scopes
 * without a browser. A profile (`singpass-like-op.ts`, `corppass-like-op.ts`) gives the mount, the paths,
 * the clients, the claims and the account. Where each differs from the real provider is listed at the top
 * of its interop test.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type ClientMetadata, type Configuration, errors as opErrors } from 'oidc-provider';
import { makeEcJwk } from './singpass-fixtures';

export interface FapiOpProfile {
  /** Where the OP is mounted: `/fapi` (Singpass) or `''` (Corppass, at the root). */
  mount: string;
  routes: NonNullable<Configuration['routes']>;
  /** `kid` of the OP's ES256 signing key. */
  opKid: string;
  clients: ClientMetadata[];
  acrValues: string[];
  accessTokenTtl: number;
  claims: NonNullable<Configuration['claims']>;
  extraParams?: Configuration['extraParams'];
  extraClientMetadata?: Configuration['extraClientMetadata'];
  findAccount: NonNullable<Configuration['findAccount']>;
  /** What the interaction logs in: the account id (the ID token's `sub`), `acr` and `amr`. */
  login: { accountId: string; acr: string; amr: string[] };
}

export interface FapiLikeOp {
  issuer: string;
  /** What oidc-provider saw, for the assertions the BFF's own answers cannot prove. */
  seen: { parParams: Array<Record<string, unknown>>; accessTokenJkts: string[] };
  /** From now on, every DPoP proof must carry a server nonce (`use_dpop_nonce` otherwise). */
  requireDpopNonce(required: boolean): void;
  close(): Promise<void>;
}

const ECDH_ALGS = ['ECDH-ES+A128KW', 'ECDH-ES+A192KW', 'ECDH-ES+A256KW'];

/** Client metadata both providers' clients share: `private_key_jwt`, encrypted answers, DPoP, PAR. */
export function fapiClientMetadata(options: {
  clientId: string;
  redirectUri: string;
  scope: string;
  jwks: NonNullable<ClientMetadata['jwks']>;
  unencryptedIdToken?: boolean;
}): ClientMetadata {
  return {
    client_id: options.clientId,
    redirect_uris: [options.redirectUri],
    grant_types: ['authorization_code'],
    response_types: ['code'],
    scope: options.scope,
    token_endpoint_auth_method: 'private_key_jwt',
    token_endpoint_auth_signing_alg: 'ES256',
    jwks: options.jwks,
    id_token_signed_response_alg: 'ES256',
    ...(!options.unencryptedIdToken && {
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

export async function startFapiLikeOp(profile: FapiOpProfile): Promise<FapiLikeOp> {
  const seen: FapiLikeOp['seen'] = { parParams: [], accessTokenJkts: [] };
  let requireDpopNonce = false;
  let started: Provider | undefined;
  const provider = (): Provider => {
    if (!started) throw new Error('the OP is not started');
    return started;
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname.startsWith('/interaction/')) return finishInteraction(req, res);
    if (profile.mount === '') return provider().callback()(req, res);
    if (url.pathname.startsWith(`${profile.mount}/`) || url.pathname === profile.mount) {
      // Mounted below the root: oidc-provider routes on the rest and learns the mount from `originalUrl`.
      Object.assign(req, { originalUrl: req.url });
      req.url = (req.url ?? '').slice(profile.mount.length) || '/';
      return provider().callback()(req, res);
    }
    res.writeHead(404).end();
  }

  /** The profile's account logs in and grants exactly the scopes asked for, without a browser. */
  async function finishInteraction(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const details = await provider().interactionDetails(req, res);
    if (details.prompt.name === 'login') {
      await provider().interactionFinished(
        req,
        res,
        { login: profile.login },
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

  function configuration(): Configuration {
    return {
      clients: profile.clients,
      jwks: { keys: [makeEcJwk(profile.opKid, 'sig', 'ES256')] },
      routes: profile.routes,
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
        idTokenEncryptionAlgValues: ECDH_ALGS,
        idTokenEncryptionEncValues: ['A256CBC-HS512'],
        userinfoEncryptionAlgValues: ECDH_ALGS,
        userinfoEncryptionEncValues: ['A256GCM'],
      } as Configuration['enabledJWA'],
      responseTypes: ['code'],
      acrValues: profile.acrValues,
      ttl: {
        AuthorizationCode: 60,
        AccessToken: profile.accessTokenTtl,
        IdToken: 600,
        Interaction: 600,
        Session: 600,
        Grant: 600,
      },
      ...(profile.extraClientMetadata && { extraClientMetadata: profile.extraClientMetadata }),
      conformIdTokenClaims: false,
      claims: profile.claims,
      ...(profile.extraParams && { extraParams: profile.extraParams }),
      // The §4.5 assertion rules (both providers), with the FAPI 2.0 `aud` check the default hook had.
      assertJwtClientAuthClaimsAndHeader(ctx, claims, header, client) {
        if (claims.aud !== ctx.oidc.issuer) throw new opErrors.InvalidClientAuth('aud must be the issuer');
        if (header.typ !== 'JWT') throw new opErrors.InvalidClientAuth('typ must be JWT');
        if (claims.sub !== client.clientId) throw new opErrors.InvalidClientAuth('sub must be the client_id');
        if (typeof claims.exp !== 'number' || typeof claims.iat !== 'number' || claims.exp - claims.iat > 120)
          throw new opErrors.InvalidClientAuth('exp must be at most 120 s after iat');
      },
      findAccount: profile.findAccount,
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
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}${profile.mount}`;
  const op = new Provider(issuer, configuration());
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
