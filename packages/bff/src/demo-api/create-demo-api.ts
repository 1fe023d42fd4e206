/**
 * An example of what an agency's API behind the BFF does: it trusts no header but the identity token,
 * verified with `@sgid-bff/identity` against the BFF's published JWKS (cached, refreshed on an unknown
 * `kid`), with the expected issuer and audience, and answers from the typed identity.
 * `GET /hello` → `{ message: "Hello, TAN HENG HUAT", sub, provider, verifiedBy: "jwt", claims, requestId }`;
 * without a valid token, the package's 401 (`{code: "IDENTITY_…", message}`), or 503 when the JWKS is
 * unavailable. A plain `node:http` server, not listening: the caller picks the port. For `npm start` and
 * tests only.
 */
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { Identity } from '@sgid-bff/identity';
import { getIdentity, requireIdentity } from '@sgid-bff/identity/express';

export interface DemoApiOptions {
  /** The BFF's `${PUBLIC_URL}/.well-known/jwks.json` (or wherever the upstream can reach it). */
  jwksUrl: string;
  /** The BFF's PUBLIC_URL origin. */
  issuer: string;
  /** The route's audience: by default `${PUBLIC_URL}${prefix}`, e.g. `http://localhost:3000/api/demo`. */
  audience: string;
}

export function createDemoApi(options: DemoApiOptions): Server {
  const guard = requireIdentity(options);

  const send = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(body));
  };

  return createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' || path !== '/hello') return send(res, 404, { error: 'not_found' });
    guard(req, res, (error?: unknown) => {
      if (error !== undefined) return send(res, 500, { error: 'server_error' });
      const identity = getIdentity(req);
      send(res, 200, {
        message: `Hello, ${greetingName(identity) ?? 'there'}`,
        sub: identity.sub,
        provider: identity.provider,
        verifiedBy: 'jwt',
        claims: identity.data,
        requestId: req.headers['x-request-id'] ?? null,
      });
    });
  });
}

function greetingName(identity: Identity): string | undefined {
  if (identity.provider === 'corppass') return identity.actor?.name;
  const name = identity.data['myinfo.name'];
  return typeof name === 'string' ? name : undefined;
}
