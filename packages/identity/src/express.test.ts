/** The Express middleware in a real express app on a loopback port, against a real JWKS server. */
import type { AddressInfo } from 'node:net';
import express, { type NextFunction, type Request, type Response } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIdentityVerifier } from './create-identity-verifier';
import { getIdentity, requireIdentity } from './express';
import {
  AUDIENCE,
  bffClaims,
  createTestKey,
  ISSUER,
  type JwksServer,
  signToken,
  startJwksServer,
  type TestKey,
} from './test-support';

let key: TestKey;
let jwks: JwksServer;
let base: string;
let close: () => Promise<void>;
const failures: string[] = [];

beforeAll(async () => {
  key = await createTestKey('es-1');
  jwks = await startJwksServer([key]);
  const verifier = createIdentityVerifier({ jwksUrl: jwks.url, issuer: ISSUER, audience: AUDIENCE });
  const app = express();
  app.get('/health', (_req, res) => void res.json({ ok: true }));
  app.use('/benefits', requireIdentity(verifier, { onFailure: (error) => void failures.push(error.code) }));
  app.get('/benefits/me', (req, res) => {
    const identity = getIdentity(req);
    res.json({
      sub: identity.sub,
      name: identity.data['myinfo.name'],
      same: (req as { identity?: unknown }).identity === identity,
    });
  });
  const throwing = requireIdentity(verifier, {
    onFailure: () => {
      throw new Error('logger down');
    },
  });
  app.get('/throwing', throwing, (_req, res) => void res.json({ ok: true }));
  app.get('/unguarded', (req, res) => {
    try {
      getIdentity(req);
      res.json({ leaked: true });
    } catch (error) {
      res.status(500).json({ error: (error as Error).message });
    }
  });
  app.use((error: Error, _req: Request, res: Response, _next: NextFunction) => {
    res.status(500).json({ handledBy: 'app', message: error.message });
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => new Promise((resolve) => server.close(() => resolve()));
});
afterAll(async () => {
  await close();
  await jwks.close();
});

const get = (path: string, authorization?: string) =>
  fetch(`${base}${path}`, authorization ? { headers: { authorization } } : {});

describe('@sgid-bff/identity/express', () => {
  it('a valid token reaches the handler, which reads the typed identity', async () => {
    const token = await signToken(key, bffClaims(Math.floor(Date.now() / 1000)));
    const response = await get('/benefits/me', `Bearer ${token}`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ sub: 'u8h3kq1z9x', name: 'TAN HENG HUAT', same: true });
  });

  it('no token: 401, a bare Bearer challenge (RFC 6750 §3.1) and IDENTITY_TOKEN_MISSING', async () => {
    const response = await get('/benefits/me');
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await response.json()).toEqual({
      code: 'IDENTITY_TOKEN_MISSING',
      message: 'The request carries no identity token.',
    });
    expect(failures.at(-1)).toBe('IDENTITY_TOKEN_MISSING');
  });

  it('a bad token: 401 with error="invalid_token" and its code; a forged identity header changes nothing', async () => {
    const expired = await signToken(key, bffClaims(Math.floor(Date.now() / 1000) - 3600));
    const response = await fetch(`${base}/benefits/me`, {
      headers: { authorization: `Bearer ${expired}`, 'x-user-id': 'admin' },
    });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(
      /^Bearer error="invalid_token", error_description="/,
    );
    expect(await response.json()).toMatchObject({ code: 'IDENTITY_TOKEN_EXPIRED' });
    const other = await signToken(
      key,
      bffClaims(Math.floor(Date.now() / 1000), { aud: `${ISSUER}/api/other` }),
    );
    expect(await (await get('/benefits/me', `Bearer ${other}`)).json()).toMatchObject({
      code: 'IDENTITY_WRONG_AUDIENCE',
    });
  });

  it('an unreachable JWKS: 503 IDENTITY_JWKS_UNAVAILABLE with Retry-After and no challenge', async () => {
    const gone = await startJwksServer([key]);
    const url = gone.url;
    await gone.close();
    const app = express();
    app.use(requireIdentity({ jwksUrl: url, issuer: ISSUER, audience: AUDIENCE }));
    app.get('/x', (_req, res) => void res.json({ ok: true }));
    const server = app.listen(0, '127.0.0.1');
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    try {
      const token = await signToken(key, bffClaims(Math.floor(Date.now() / 1000)));
      const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/x`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(response.status).toBe(503);
      expect(response.headers.get('www-authenticate')).toBeNull();
      expect(response.headers.get('retry-after')).toBe('5');
      expect(await response.json()).toMatchObject({ code: 'IDENTITY_JWKS_UNAVAILABLE' });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('routes outside the middleware are untouched; getIdentity without it throws instead of inventing one', async () => {
    expect((await get('/health')).status).toBe(200);
    const response = await get('/unguarded');
    expect(response.status).toBe(500);
    expect(((await response.json()) as { error: string }).error).toMatch(/requireIdentity/);
  });

  it('an onFailure hook that throws goes to the app error handler, as any middleware error', async () => {
    const response = await get('/throwing');
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ handledBy: 'app', message: 'logger down' });
  });
});
