/**
 * Keys and a fake Singpass for the Singpass room's unit tests: EC JWKs, the OP's signing key, ID tokens and
 * userinfo answers signed and encrypted the way Singpass does (ES256 inside ECDH-ES+A256KW), and a `fetch`
 * that answers discovery and the JWKS and records every request.
 */
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { CompactEncrypt, type JWK, type JWTPayload, SignJWT } from 'jose';

export const TEST_ISSUER = 'https://stg-id.singpass.gov.sg/fapi';
export const TEST_CLIENT_ID = 'tLRDBkf1CNy5Rsi34mEKuOD5EpQAwjIq';

export function makeEcJwk(kid: string, use: 'sig' | 'enc', alg?: string, crv = 'P-256'): JWK {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: crv });
  return { ...(privateKey.export({ format: 'jwk' }) as JWK), kid, use, ...(alg && { alg }) };
}

export function publicOf(jwk: JWK): JWK {
  const { d: _d, ...rest } = jwk;
  return rest;
}

/** The RP's keys: two signing keys (the first is the newest) and two enc keys. */
export function makeClientJwks(): JWK[] {
  return [
    makeEcJwk('sig-2026', 'sig'),
    makeEcJwk('sig-2025', 'sig'),
    makeEcJwk('enc-2026', 'enc', 'ECDH-ES+A256KW'),
    makeEcJwk('enc-2025', 'enc', 'ECDH-ES+A128KW'),
  ];
}

export const OP_SIGNING_JWK = makeEcJwk('op-sig-1', 'sig', 'ES256');

export function testDiscovery(issuer = TEST_ISSUER): Record<string, string> {
  return {
    issuer,
    pushed_authorization_request_endpoint: `${issuer}/par`,
    authorization_endpoint: `${issuer}/auth`,
    token_endpoint: `${issuer}/token`,
    userinfo_endpoint: `${issuer}/userinfo`,
    jwks_uri: `${issuer}/.well-known/keys`,
  };
}

/** Signs `claims` as Singpass would (ES256, `typ: JWT`, its kid). */
export function signAsOp(claims: JWTPayload, options: { alg?: string; key?: JWK } = {}): Promise<string> {
  const key = options.key ?? OP_SIGNING_JWK;
  return new SignJWT(claims)
    .setProtectedHeader({ alg: options.alg ?? 'ES256', typ: 'JWT', kid: key.kid ?? '' })
    .sign(key);
}

/** Encrypts `plaintext` to an RP enc key, as Singpass would. */
export function encryptTo(
  plaintext: string,
  encJwk: JWK,
  options: { alg?: string; enc?: string; kid?: string | null } = {},
): Promise<string> {
  const kid = options.kid === null ? undefined : (options.kid ?? encJwk.kid);
  return (
    new CompactEncrypt(new TextEncoder().encode(plaintext))
      .setProtectedHeader({
        alg: options.alg ?? encJwk.alg ?? 'ECDH-ES+A256KW',
        enc: options.enc ?? 'A256CBC-HS512',
        cty: 'JWT',
        ...(kid !== undefined && { kid }),
      })
      // jose pins a JWK to its own `alg`; the tests choose the wrap per JWE, so give it the bare key.
      .encrypt({ ...publicOf(encJwk), alg: undefined, use: undefined })
  );
}

/** ID token claims valid at `now` (ms) for the test client. */
export function idTokenClaims(now: number, nonce: string, extra: JWTPayload = {}): JWTPayload {
  const iat = Math.floor(now / 1000);
  return {
    iss: TEST_ISSUER,
    aud: TEST_CLIENT_ID,
    sub: randomUUID(),
    sub_type: 'user',
    iat,
    exp: iat + 600,
    nonce,
    acr: 'urn:singpass:authentication:loa:2',
    amr: ['pwd', 'otp-sms'],
    ...extra,
  };
}

export interface RecordedRequest {
  url: string;
  method: string;
  headers: Headers;
  body: string;
}

type Handler = (request: RecordedRequest) => Response | Promise<Response>;

/**
 * A `fetch` that serves discovery and the OP JWKS at the test issuer and hands every other URL to
 * `routes` (by pathname); every request is recorded.
 */
export function createFakeSingpass(routes: Record<string, Handler> = {}, issuer = TEST_ISSUER) {
  const requests: RecordedRequest[] = [];
  let jwks: { keys: JWK[] } | null = { keys: [publicOf(OP_SIGNING_JWK)] };
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const url = String(input);
    const request: RecordedRequest = {
      url,
      method: init?.method ?? 'GET',
      headers: new Headers(init?.headers),
      body: typeof init?.body === 'string' ? init.body : '',
    };
    requests.push(request);
    const path = new URL(url).pathname;
    if (url === `${issuer}/.well-known/openid-configuration`) return Response.json(testDiscovery(issuer));
    if (url === `${issuer}/.well-known/keys`)
      return jwks ? Response.json(jwks) : new Response('unavailable', { status: 503 });
    const handler = routes[path];
    if (!handler) return new Response('not found', { status: 404 });
    return handler(request);
  };
  return {
    fetch,
    requests,
    /** `null`: the JWKS answers 503. */
    setJwks(next: { keys: JWK[] } | null) {
      jwks = next;
    },
  };
}
