/**
 * The identity an upstream receives: a short-lived JWT signed by the BFF, in `Authorization: Bearer`.
 * Claims: `iss` = PUBLIC_URL's origin, `sub`, `aud` = the route's audience (default
 * `<PUBLIC_URL><prefix>`, so a token for one API is refused by another), `iat`/`exp` (`PROXY_TOKEN_TTL`,
 * default 60 s), a random `jti` naming the token, `sid` = the session's public handle, `provider` (`sgid`,
 * `singpass`, `corppass`), and only the data items the route lists in `claims`, under their scope names
 * (`"myinfo.name": "TAN HENG HUAT"`). Upstreams verify it against `GET /.well-known/jwks.json` with
 * `@sgid-bff/identity` (typed claims, Express/Fastify middleware) or any JOSE library. With a cache
 * (identity-token-cache.ts), a session's token for a route is reused during the first half of its lifetime
 * while the claims it would carry are unchanged; without one, every call signs a new token.
 */
import { sign as signWithKey } from 'node:crypto';
import type { UserData } from '@sgid-bff/protocol';
import type { ApiRoute } from '../config';
import { createToken, type RandomBytes } from '../crypto/tokens';
import { toSessionHandle } from '../session/session-handle';
import { splitSessionPayload } from '../session/session-json';
import { providerOfSubjectKey } from '../session/subject-key';
import type { StoredSession } from '../store/store';
import { readCorppassView } from './check-roles';
import type { IdentityTokenCache } from './identity-token-cache';
import type { SigningKey } from './signing-keys';

export interface IdentityTokenSigner {
  /** `roles`: the route's required Corppass roles the session holds (proxy/check-roles.ts). */
  sign(
    session: StoredSession,
    route: ApiRoute,
    roles?: ReadonlyArray<{ eServiceId: string; role: string }>,
  ): Promise<string>;
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
  /** Tokens already signed, reused while fresh (routes/index.ts shares it with the session-ending routes). */
  cache?: IdentityTokenCache;
}): IdentityTokenSigner {
  const { key, issuer, ttlSeconds, cache } = options;
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
    async sign(session, route, roles = []) {
      const now = Math.floor(options.clock() / 1000);
      const source = cache && {
        idHash: session.idHash,
        sub: session.sub,
        payload: session.payload,
        roles: roles.map((r) => `${r.eServiceId}\u0000${r.role}`).join('\u0001'),
      };
      if (source) {
        const cached = cache?.get(source, route.prefix, now);
        if (cached !== undefined) return cached;
      }
      const claims: Record<string, unknown> = {
        sid: toSessionHandle(session.idHash),
        provider: providerOfSubjectKey(session.sub),
      };
      // A Corppass session: who acts (their Singpass UUID and name) for which entity, and the roles the
      // route asked for that they hold, so the upstream need not re-derive any of it.
      if (session.sub.startsWith('corppass:')) {
        const view = readCorppassView(session);
        if (view) {
          claims.entity = { id: view.entity.id, type: view.entity.type, name: view.entity.name };
          claims.act = { sub: view.actor.sub, name: view.actor.name };
          if (roles.length > 0) claims.roles = roles.map((r) => ({ eService: r.eServiceId, role: r.role }));
        }
      }
      if (route.claims.length > 0) {
        const { data } = JSON.parse(splitSessionPayload(session.payload).identityJson) as { data?: UserData };
        for (const name of route.claims) {
          const value = (data as Record<string, unknown> | undefined)?.[name];
          if (value !== undefined) claims[name] = value;
        }
      }
      claims.iss = issuer;
      claims.sub = session.sub;
      claims.aud = route.audience ?? `${issuer}${route.prefix}`;
      claims.iat = now;
      claims.exp = now + ttlSeconds;
      claims.jti = createToken(options.random);
      const signingInput = `${encodedHeader}.${base64url(JSON.stringify(claims))}`;
      const signature = await signInput(Buffer.from(signingInput, 'ascii'));
      const token = `${signingInput}.${signature.toString('base64url')}`;
      if (source) cache?.set(source, route.prefix, { token, issuedAt: now, expiresAt: now + ttlSeconds });
      return token;
    },
  };
}

function base64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}
