/**
 * A small sgID provider the tests fully control (jose-signed tokens, knobs for every hostile answer):
 * how the BFF's checks are proven independently of the emulator (alg none, HS256, bad signature, wrong
 * claims, foreign JWE algorithms, slow answers). It checks what a real provider checks (client secret,
 * single-use code, PKCE S256, redirect URI) so a happy login through it is a real login.
 */
import { createHash, generateKeyPairSync, type KeyObject, randomBytes } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import { CompactEncrypt, exportJWK, SignJWT } from 'jose';

export interface JweAlgs {
  keyAlg: string;
  keyEnc: string;
  fieldAlg: string;
  fieldEnc: string;
  keyBytes: number;
}

export const STUB_JWE = {
  sgid: {
    keyAlg: 'RSA-OAEP-256',
    keyEnc: 'A256GCM',
    fieldAlg: 'A128GCMKW',
    fieldEnc: 'A128GCM',
    keyBytes: 16,
  },
  mockpass: {
    keyAlg: 'RSA-OAEP',
    keyEnc: 'A128CBC-HS256',
    fieldAlg: 'dir',
    fieldEnc: 'A256GCM',
    keyBytes: 32,
  },
} satisfies Record<string, JweAlgs>;

/** Knobs; tests set them between logins and call `reset()` in `beforeEach`. */
export interface StubBehaviour {
  idTokenAlg: 'RS256' | 'none' | 'HS256';
  /** Changes to the ID token claims after they are built. */
  claims: Record<string, unknown>;
  /** Claims to leave out. */
  omitClaims: string[];
  kid: string | undefined;
  signWithForeignKey: boolean;
  tokenDelayMs: number;
  userinfoDelayMs: number;
  tokenError: { status: number; body: unknown } | undefined;
  userinfoSub: string | undefined;
  jwe: JweAlgs;
  /** A field whose JWE is garbled. */
  corruptField: string | undefined;
  /** Raw values per scope (strings as sgID sends them). */
  data: Record<string, string>;
}

export const STUB_SUB = 'stub-sub-7f3a';

const DEFAULT_DATA: Record<string, string> = {
  'myinfo.name': 'TAN HENG HUAT',
  'myinfo.nric_number': 'S9812381D',
  'myinfo.date_of_birth': '1998-06-06',
  'myinfo.email': 'heng.huat@example.com',
};

function defaults(): StubBehaviour {
  return {
    idTokenAlg: 'RS256',
    claims: {},
    omitClaims: [],
    kid: undefined,
    signWithForeignKey: false,
    tokenDelayMs: 0,
    userinfoDelayMs: 0,
    tokenError: undefined,
    userinfoSub: undefined,
    jwe: STUB_JWE.sgid,
    corruptField: undefined,
    data: { ...DEFAULT_DATA },
  };
}

export interface StubProvider {
  app: FastifyInstance;
  behaviour: StubBehaviour;
  reset(): void;
  calls: { authorize: number; token: number; userinfo: number; jwks: number };
}

export interface StubProviderOptions {
  origin: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  clientPublicKey: KeyObject;
  clock: () => number;
}

interface Grant {
  nonce: string | undefined;
  challenge: string;
  redirectUri: string;
  scopes: string[];
  used: boolean;
}

export function createStubProvider(options: StubProviderOptions): StubProvider {
  const signing = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const foreign = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = 'stub-key-1';
  const grants = new Map<string, Grant>();
  const accessTokens = new Map<string, string[]>();
  const calls = { authorize: 0, token: 0, userinfo: 0, jwks: 0 };
  const stub: StubProvider = {
    app: Fastify(),
    behaviour: defaults(),
    reset: () => Object.assign(stub.behaviour, defaults()),
    calls,
  };
  const { app } = stub;
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_r, body, done) =>
    done(null, Object.fromEntries(new URLSearchParams(String(body)))),
  );

  app.get('/v2/oauth/authorize', async (request, reply) => {
    calls.authorize++;
    const q = request.query as Record<string, string>;
    if (q.client_id !== options.clientId || q.redirect_uri !== options.redirectUri)
      return reply.code(400).send('unknown client or redirect_uri');
    if (q.code_challenge_method !== 'S256' || !q.code_challenge) return reply.code(400).send('PKCE required');
    const code = randomBytes(16).toString('base64url');
    const scopes = (q.scope ?? '').split(' ');
    grants.set(code, {
      nonce: q.nonce,
      challenge: q.code_challenge,
      redirectUri: q.redirect_uri,
      scopes,
      used: false,
    });
    const target = new URL(q.redirect_uri);
    target.searchParams.set('code', code);
    if (q.state) target.searchParams.set('state', q.state);
    return reply.redirect(target.href, 302);
  });

  app.post('/v2/oauth/token', async (request, reply) => {
    calls.token++;
    await sleep(stub.behaviour.tokenDelayMs);
    if (stub.behaviour.tokenError)
      return reply.code(stub.behaviour.tokenError.status).send(stub.behaviour.tokenError.body);
    const body = request.body as Record<string, string>;
    if (body.client_id !== options.clientId || body.client_secret !== options.clientSecret)
      return reply.code(401).send({ error: 'invalid_client' });
    const grant = body.code ? grants.get(body.code) : undefined;
    const verifierOk =
      grant &&
      createHash('sha256')
        .update(body.code_verifier ?? '')
        .digest('base64url') === grant.challenge;
    if (!grant || grant.used || !verifierOk || grant.redirectUri !== body.redirect_uri)
      return reply.code(400).send({ error: 'invalid_grant' });
    grant.used = true;
    const accessToken = randomBytes(24).toString('base64url');
    accessTokens.set(accessToken, grant.scopes);
    return {
      access_token: accessToken,
      id_token: await buildIdToken(grant),
      token_type: 'Bearer',
      expires_in: 300,
    };
  });

  app.get('/v2/oauth/userinfo', async (request, reply) => {
    calls.userinfo++;
    await sleep(stub.behaviour.userinfoDelayMs);
    const token = (request.headers.authorization ?? '').replace(/^Bearer /, '');
    const scopes = accessTokens.get(token);
    if (!scopes) return reply.code(401).header('www-authenticate', 'Bearer error="invalid_token"').send();
    const sub = stub.behaviour.userinfoSub ?? STUB_SUB;
    const dataScopes = scopes.filter((s) => s !== 'openid' && stub.behaviour.data[s] !== undefined);
    if (dataScopes.length === 0) return { sub };
    return { sub, ...(await encryptData(dataScopes)) };
  });

  app.get('/v2/.well-known/jwks.json', async () => {
    calls.jwks++;
    const jwk = await exportJWK(signing.publicKey);
    return { keys: [{ ...jwk, kid, use: 'sig', alg: 'RS256' }] };
  });

  async function buildIdToken(grant: Grant): Promise<string> {
    const b = stub.behaviour;
    const now = Math.floor(options.clock() / 1000);
    const claims: Record<string, unknown> = {
      iss: `${options.origin}/v2`,
      sub: STUB_SUB,
      aud: options.clientId,
      iat: now,
      exp: now + 300,
      ...(grant.nonce ? { nonce: grant.nonce } : {}),
      ...b.claims,
    };
    for (const name of b.omitClaims) delete claims[name];
    if (b.idTokenAlg === 'none') {
      const part = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
      return `${part({ alg: 'none', typ: 'JWT' })}.${part(claims)}.`;
    }
    if (b.idTokenAlg === 'HS256')
      return new SignJWT(claims)
        .setProtectedHeader({ alg: 'HS256', kid })
        .sign(new TextEncoder().encode(options.clientSecret));
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: b.kid ?? kid })
      .sign(b.signWithForeignKey ? foreign.privateKey : signing.privateKey);
  }

  async function encryptData(scopes: string[]): Promise<{ key: string; data: Record<string, string> }> {
    const { jwe, data: values, corruptField } = stub.behaviour;
    const secret = randomBytes(jwe.keyBytes);
    const jwk = { kty: 'oct', k: secret.toString('base64url'), alg: jwe.fieldEnc };
    const key = await new CompactEncrypt(new TextEncoder().encode(JSON.stringify(jwk)))
      .setProtectedHeader({ alg: jwe.keyAlg, enc: jwe.keyEnc })
      .encrypt(options.clientPublicKey);
    const data: Record<string, string> = {};
    for (const scope of scopes) {
      const encrypted = await new CompactEncrypt(new TextEncoder().encode(values[scope]))
        .setProtectedHeader({ alg: jwe.fieldAlg, enc: jwe.fieldEnc })
        .encrypt(new Uint8Array(secret));
      data[scope] = scope === corruptField ? `${encrypted.slice(0, -6)}AAAAAA` : encrypted;
    }
    return { key, data };
  }

  return stub;
}

function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms).unref()) : Promise.resolve();
}
