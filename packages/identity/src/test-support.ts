/**
 * For this package's tests only (not exported): a real JWKS server on a loopback port whose keys and
 * behaviour the test changes, and tokens signed the way the BFF signs them (jose here; the BFF uses
 * node:crypto, and the integration test verifies the BFF's own tokens).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';

export const ISSUER = 'https://app.example.gov.sg';
export const AUDIENCE = `${ISSUER}/api/benefits`;

export interface TestKey {
  kid: string;
  alg: 'ES256' | 'RS256';
  privateKey: CryptoKey;
  publicJwk: JWK;
}

export async function createTestKey(kid: string, alg: 'ES256' | 'RS256' = 'ES256'): Promise<TestKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' };
  return { kid, alg, privateKey, publicJwk };
}

export interface JwksServer {
  url: string;
  /** How many times the JWKS was fetched. */
  fetches: () => number;
  /** What the server publishes from now on. */
  publish: (keys: TestKey[]) => void;
  /** `ok` (default), `500`, `garbage` (not JSON), `hang` (never answers). */
  behave: (mode: 'ok' | '500' | 'garbage' | 'hang') => void;
  close: () => Promise<void>;
}

export async function startJwksServer(keys: TestKey[]): Promise<JwksServer> {
  let published = keys;
  let mode: 'ok' | '500' | 'garbage' | 'hang' = 'ok';
  let fetches = 0;
  const server: Server = createServer((_req, res) => {
    fetches += 1;
    if (mode === 'hang') return;
    if (mode === '500') return void res.writeHead(500).end('{}');
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(mode === 'garbage' ? '<html>' : JSON.stringify({ keys: published.map((k) => k.publicJwk) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/.well-known/jwks.json`,
    fetches: () => fetches,
    publish: (next) => {
      published = next;
    },
    behave: (next) => {
      mode = next;
    },
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** The claims the BFF writes for an sgID session of a route passing `myinfo.name`. */
export function bffClaims(nowSeconds: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    sid: 'sess_0123456789abcdef',
    provider: 'sgid',
    'myinfo.name': 'TAN HENG HUAT',
    iss: ISSUER,
    sub: 'u8h3kq1z9x',
    aud: AUDIENCE,
    iat: nowSeconds,
    exp: nowSeconds + 60,
    jti: 'Jq3mV9x0c8p2Lr5tY7wZ1aB4dE6gH8jK0mN2pQ4sT6u',
    ...extra,
  };
}

/** Sign `claims` with `key` (header `{alg, kid, typ: 'JWT'}` as the BFF's); `undefined` values are dropped. */
export function signToken(key: TestKey, claims: Record<string, unknown>): Promise<string> {
  const payload = Object.fromEntries(Object.entries(claims).filter(([, v]) => v !== undefined));
  return new SignJWT(payload)
    .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'JWT' })
    .sign(key.privateKey);
}

export const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
