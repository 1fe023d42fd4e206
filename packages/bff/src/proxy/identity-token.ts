/**
 * The identity an upstream receives: a short-lived JWT signed by the BFF, in `Authorization: Bearer`.
 * Claims: `iss` = PUBLIC_URL's origin, `sub`, `aud` = the route's audience (default
 * `<PUBLIC_URL><prefix>`, so a token for one API is refused by another), `iat`/`exp` (`PROXY_TOKEN_TTL`,
 * default 60 s), a fresh `jti`, `sid` = the session's public handle, and only the data items the route
 * lists in `claims`, under their scope names (`"myinfo.name": "TAN HENG HUAT"`). Upstreams verify it
 * against `GET /.well-known/jwks.json` with any JOSE library.
 */
import { sign as signWithKey } from 'node:crypto';
import type { UserData } from '@sgid-bff/protocol';
import type { ApiRoute } from '../config';
import { createToken, type RandomBytes } from '../crypto/tokens';
import { toSessionHandle } from '../session/session-handle';
import { splitSessionPayload } from '../session/session-json';
import type { StoredSession } from '../store/store';
import type { SigningKey } from './signing-keys';

export interface IdentityTokenSigner {
  sign(session: StoredSession, route: ApiRoute): Promise<string>;
}

/**
 * A compact JWS (RFC 7515 §7.1) signed with node:crypto: the header is the same for every token, so it is
 * encoded once; ES256 signs synchronously (tens of µs: cheaper than a WebCrypto job per proxied request)
 * in the IEEE P1363 form JWS requires (RFC 7518 §3.4), RS256 (PKCS #1 v1.5, about a millisecond) on the
 * thread pool so the event loop keeps serving. The tests verify both with jose against the JWKS.
 */
export function createIdentityTokenSigner(options: {
  key: SigningKey;
  issuer: string;
  ttlSeconds: number;
  clock: () => number;
  random: RandomBytes;
}): IdentityTokenSigner {
  const { key, issuer, ttlSeconds } = options;
  const encodedHeader = base64url(JSON.stringify({ alg: key.alg, kid: key.kid, typ: 'JWT' }));
  const signInput =
    key.alg === 'ES256'
      ? async (input: Buffer) =>
          signWithKey('sha256', input, { key: key.privateKey, dsaEncoding: 'ieee-p1363' })
      : (input: Buffer) =>
          new Promise<Buffer>((resolve, reject) =>
            signWithKey('sha256', input, key.privateKey, (error, signature) =>
              error ? reject(error) : resolve(signature),
            ),
          );
  return {
    async sign(session, route) {
      const claims: Record<string, unknown> = { sid: toSessionHandle(session.idHash) };
      if (route.claims.length > 0) {
        const { data } = JSON.parse(splitSessionPayload(session.payload).identityJson) as { data?: UserData };
        for (const name of route.claims) {
          const value = (data as Record<string, unknown> | undefined)?.[name];
          if (value !== undefined) claims[name] = value;
        }
      }
      const now = Math.floor(options.clock() / 1000);
      claims.iss = issuer;
      claims.sub = session.sub;
      claims.aud = route.audience ?? `${issuer}${route.prefix}`;
      claims.iat = now;
      claims.exp = now + ttlSeconds;
      claims.jti = createToken(options.random);
      const signingInput = `${encodedHeader}.${base64url(JSON.stringify(claims))}`;
      const signature = await signInput(Buffer.from(signingInput, 'ascii'));
      return `${signingInput}.${signature.toString('base64url')}`;
    },
  };
}

function base64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}
