/**
 * An example of what an agency's API behind the BFF does: it trusts no header but the identity token,
 * verifies it against the BFF's published JWKS (jose's `createRemoteJWKSet`: cached, refreshed on an
 * unknown `kid`), with the expected issuer and audience, and answers from the verified claims.
 * `GET /hello` → `{ message: "Hello, TAN HENG HUAT", sub, verifiedBy: "jwt", claims, requestId }`.
 * A plain `node:http` server, not listening: the caller picks the port. For `npm start` and tests only.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createRemoteJWKSet, type JWTPayload, jwtVerify } from 'jose';

export interface DemoApiOptions {
  /** The BFF's `${PUBLIC_URL}/.well-known/jwks.json` (or wherever the upstream can reach it). */
  jwksUrl: string;
  /** The BFF's PUBLIC_URL origin. */
  issuer: string;
  /** The route's audience: by default `${PUBLIC_URL}${prefix}`, e.g. `http://localhost:3000/api/demo`. */
  audience: string;
}

export function createDemoApi(options: DemoApiOptions): Server {
  const jwks = createRemoteJWKSet(new URL(options.jwksUrl), { timeoutDuration: 5000 });

  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
    res.end(JSON.stringify(body));
  };

  const verify = async (req: IncomingMessage): Promise<JWTPayload | undefined> => {
    const match = /^Bearer ([A-Za-z0-9._-]+)$/.exec(req.headers.authorization ?? '');
    if (!match?.[1]) return undefined;
    try {
      const { payload } = await jwtVerify(match[1], jwks, {
        issuer: options.issuer,
        audience: options.audience,
        algorithms: ['ES256', 'RS256'],
        requiredClaims: ['sub', 'exp', 'iat'],
        clockTolerance: 5,
      });
      return payload;
    } catch {
      return undefined;
    }
  };

  return createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' || path !== '/hello') return send(res, 404, { error: 'not_found' });
    verify(req).then(
      (claims) => {
        if (!claims)
          return send(
            res,
            401,
            { error: 'invalid_token' },
            { 'www-authenticate': 'Bearer error="invalid_token"' },
          );
        const name = typeof claims['myinfo.name'] === 'string' ? claims['myinfo.name'] : undefined;
        const { iss, aud, iat, exp, jti, sub, sid, ...data } = claims;
        send(res, 200, {
          message: `Hello, ${name ?? 'there'}`,
          sub,
          verifiedBy: 'jwt',
          claims: data,
          requestId: req.headers['x-request-id'] ?? null,
        });
      },
      () => send(res, 500, { error: 'server_error' }),
    );
  });
}
