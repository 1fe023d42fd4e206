/**
 * The identity an upstream receives: a short-lived JWT signed by the BFF, in `Authorization: Bearer`.
 * Claims: `iss` = PUBLIC_URL's origin, `sub`, `aud` = the route's audience (default
 * `<PUBLIC_URL><prefix>`, so a token for one API is refused by another), `iat`/`exp` (`PROXY_TOKEN_TTL`,
 * default 60 s), a fresh `jti`, `sid` = the session's public handle, and only the data items the route
 * lists in `claims`, under their scope names (`"myinfo.name": "TAN HENG HUAT"`). Upstreams verify it
 * against `GET /.well-known/jwks.json` with any JOSE library.
 */
import type { UserData } from '@sgid-bff/protocol';
import { SignJWT } from 'jose';
import { createToken, type RandomBytes } from '../crypto/tokens';
import { splitSessionPayload } from '../session/session-json';
import { toSessionHandle } from '../sessions-api/session-handle';
import type { StoredSession } from '../store/store';
import type { ApiRoute } from './api-routes';
import type { SigningKey } from './signing-keys';

export interface IdentityTokenSigner {
  sign(session: StoredSession, route: ApiRoute): Promise<string>;
}

export function createIdentityTokenSigner(options: {
  key: SigningKey;
  issuer: string;
  ttlSeconds: number;
  clock: () => number;
  random: RandomBytes;
}): IdentityTokenSigner {
  const { key, issuer, ttlSeconds } = options;
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
      return new SignJWT(claims)
        .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'JWT' })
        .setIssuer(issuer)
        .setSubject(session.sub)
        .setAudience(route.audience ?? `${issuer}${route.prefix}`)
        .setIssuedAt(now)
        .setExpirationTime(now + ttlSeconds)
        .setJti(createToken(options.random))
        .sign(key.cryptoKey);
    },
  };
}
