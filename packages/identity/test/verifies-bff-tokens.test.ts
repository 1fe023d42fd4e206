/**
 * `@sgid-bff/identity` against the real BFF: a BFF world (real config loader, the emulator as sgID,
 * Singpass and Corppass, real logins through the simulated internet) whose `/api/*` routes proxy to an
 * Express API on a loopback port guarded by `requireIdentity`, each route with its own audience. What the
 * API verifies is exactly what the BFF sent upstream, fetched keys and all from the BFF's own
 * `/.well-known/jwks.json` over a real socket.
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import express from 'express';
import { decodeProtectedHeader } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SimulatedBrowser } from '../../bff/test/support/simulated-internet';
import {
  BFF_ORIGIN,
  createTestWorld,
  EMULATOR_PERSONA,
  loginWith,
  readSession,
  type TestWorld,
  type TestWorldOptions,
} from '../../bff/test/support/test-bff';
import { getIdentity, requireIdentity } from '../src/express';
import { createIdentityVerifier, type Identity, IdentityError, type IdentityVerifier } from '../src/index';

const AUDIENCE_A = `${BFF_ORIGIN}/api/a`;
const AUDIENCE_B = `${BFF_ORIGIN}/api/b`;

/** The API behind the proxy: `/a/*` and `/b/*`, each behind its own route's verifier. */
let api: Server;
let apiOrigin: string;
let handler: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) =>
  void res.writeHead(503).end();
/** The Authorization header of every request the API received, as the BFF sent it. */
const received: string[] = [];
let dataDir: string;
let world: TestWorld;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'sgid-bff-identity-'));
  api = createServer((req, res) => {
    received.push(req.headers.authorization ?? '');
    handler(req, res);
  });
  await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
  apiOrigin = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
});
afterAll(async () => {
  api.closeAllConnections();
  await new Promise((resolve) => api.close(resolve));
  rmSync(dataDir, { recursive: true, force: true });
});
afterEach(() => world?.close());

/** A BFF world proxying `/api/a` (passing `myinfo.name`) and `/api/b`, listening on loopback for its JWKS. */
async function startWorld(env: Record<string, string> = {}, options: TestWorldOptions = {}, port = 0) {
  world = await createTestWorld({
    ...options,
    env: {
      API_ROUTES: JSON.stringify([
        { prefix: '/api/a', upstream: `${apiOrigin}/a`, claims: ['myinfo.name'] },
        { prefix: '/api/b', upstream: `${apiOrigin}/b` },
      ]),
      DATA_DIR: dataDir,
      SGID_SCOPES: 'openid myinfo.name',
      ...env,
    },
  });
  await world.bff.listen({ port, host: '127.0.0.1' });
  const jwksUrl = `http://127.0.0.1:${(world.bff.server.address() as AddressInfo).port}/.well-known/jwks.json`;
  return { jwksUrl, port: (world.bff.server.address() as AddressInfo).port };
}

/** Serve `/a` and `/b` with verifiers for their audiences; each answers the identity it verified. */
function serveApi(verifiers: { a: IdentityVerifier; b: IdentityVerifier }) {
  const app = express();
  const answer = (req: express.Request, res: express.Response) => void res.json(getIdentity(req));
  app.use('/a', requireIdentity(verifiers.a), answer);
  app.use('/b', requireIdentity(verifiers.b), answer);
  handler = app;
}

const verifierFor = (jwksUrl: string, audience: string, extra = {}) =>
  createIdentityVerifier({ jwksUrl, issuer: BFF_ORIGIN, audience, ...extra });

const callApi = (browser: SimulatedBrowser, url: string) =>
  browser.fetch(`${BFF_ORIGIN}${url}`, { headers: { 'x-csrf': '1' } });

async function rejection(promise: Promise<unknown>): Promise<IdentityError> {
  const error = await promise.then(
    () => new Error('verified, expected a refusal'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(IdentityError);
  return error as IdentityError;
}

describe('@sgid-bff/identity verifies the tokens the BFF sends upstream', () => {
  it('after an sgID login, the API behind /api/a reads sub, session, provider and the route claims', async () => {
    const { jwksUrl } = await startWorld();
    serveApi({ a: verifierFor(jwksUrl, AUDIENCE_A), b: verifierFor(jwksUrl, AUDIENCE_B) });
    const browser = world.browser();
    await loginWith(browser);
    const response = await callApi(browser, '/api/a/me');
    expect(response.status).toBe(200);
    const identity = (await response.json()) as Identity;
    const session = await readSession(browser);
    expect(identity).toMatchObject({
      provider: 'sgid',
      sub: session.sub,
      providerSub: session.sub,
      issuer: BFF_ORIGIN,
      audience: AUDIENCE_A,
      data: { 'myinfo.name': EMULATOR_PERSONA.name },
    });
    expect(identity.expiresAt - identity.issuedAt).toBe(60);
    expect(identity.sessionId).toMatch(/\S/);
    // /api/b passes no claims: its identity carries no data.
    const b = (await (await callApi(browser, '/api/b/me')).json()) as Identity;
    expect(b).toMatchObject({ sub: session.sub, audience: AUDIENCE_B, data: {} });
    expect(b.sessionId).toBe(identity.sessionId);
    expect(b.tokenId).not.toBe(identity.tokenId);
  });

  it("a token the BFF sent for /api/a is refused by /api/b's API (wrong audience), expired later, and when tampered", async () => {
    const { jwksUrl } = await startWorld();
    const b = verifierFor(jwksUrl, AUDIENCE_B);
    serveApi({ a: verifierFor(jwksUrl, AUDIENCE_A), b });
    const browser = world.browser();
    await loginWith(browser);
    expect((await callApi(browser, '/api/a/me')).status).toBe(200);
    const sent = received.at(-1) ?? '';
    expect(sent).toMatch(/^Bearer eyJ/);
    expect((await rejection(b.verify(sent))).code).toBe('IDENTITY_WRONG_AUDIENCE');
    // Replayed straight at /b's API over HTTP: 401 with the code.
    const replayed = await fetch(`${apiOrigin}/b/me`, { headers: { authorization: sent } });
    expect(replayed.status).toBe(401);
    expect(replayed.headers.get('www-authenticate')).toMatch(/error="invalid_token"/);
    expect(await replayed.json()).toMatchObject({ code: 'IDENTITY_WRONG_AUDIENCE' });
    // The same token 66 s later (the BFF's 60 s lifetime and the 5 s tolerance): expired.
    const later = verifierFor(jwksUrl, AUDIENCE_A, { now: () => world.clock.now() + 66_000 });
    expect((await rejection(later.verify(sent))).code).toBe('IDENTITY_TOKEN_EXPIRED');
    // Another subject written into the BFF's signed payload: the signature no longer verifies.
    const [header, payload, signature] = sent.slice('Bearer '.length).split('.');
    const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()) as Record<string, unknown>;
    const forged = Buffer.from(JSON.stringify({ ...claims, sub: 'someone-else' })).toString('base64url');
    const a = verifierFor(jwksUrl, AUDIENCE_A);
    expect((await rejection(a.verify(`${header}.${forged}.${signature}`))).code).toBe(
      'IDENTITY_SIGNATURE_INVALID',
    );
    expect((await a.verify(sent)).sub).toBe(claims.sub);
  });

  it('key rotation: after the BFF signs with a new PROXY_SIGNING_KEY, the API fetches the JWKS again and verifies', async () => {
    const pem = () =>
      generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
        .privateKey.export({ type: 'pkcs8', format: 'pem' })
        .toString();
    const [oldKey, newKey] = [pem(), pem()];
    const { jwksUrl, port } = await startWorld({ PROXY_SIGNING_KEY: oldKey });
    let jwksFetches = 0;
    const countingFetch: typeof fetch = (input, init) => {
      jwksFetches += 1;
      return fetch(input, init);
    };
    const a = verifierFor(jwksUrl, AUDIENCE_A, { jwksCooldownMs: 0, fetch: countingFetch });
    serveApi({ a, b: verifierFor(jwksUrl, AUDIENCE_B) });
    let browser = world.browser();
    await loginWith(browser);
    expect((await callApi(browser, '/api/a/me')).status).toBe(200);
    const oldKid = decodeProtectedHeader(received.at(-1)?.slice(7) ?? '').kid;
    expect(jwksFetches).toBe(1);
    // The BFF restarts on the same address with the new key first (signing) and the old one published.
    await world.close();
    await startWorld({ PROXY_SIGNING_KEY: `${newKey}\n${oldKey}` }, {}, port);
    browser = world.browser();
    await loginWith(browser);
    const response = await callApi(browser, '/api/a/me');
    expect(response.status).toBe(200);
    expect(decodeProtectedHeader(received.at(-1)?.slice(7) ?? '').kid).not.toBe(oldKid);
    expect(jwksFetches).toBe(2);
  });

  it('the JWKS unreachable (the BFF is down) is 503 IDENTITY_JWKS_UNAVAILABLE for the API, not 401', async () => {
    const { jwksUrl } = await startWorld();
    const browser = world.browser();
    await loginWith(browser);
    serveApi({ a: verifierFor(jwksUrl, AUDIENCE_A), b: verifierFor(jwksUrl, AUDIENCE_B) });
    await callApi(browser, '/api/a/me');
    const sent = received.at(-1) ?? '';
    await world.bff.close();
    const fresh = verifierFor(jwksUrl, AUDIENCE_A); // nothing cached yet
    expect(await rejection(fresh.verify(sent))).toMatchObject({
      code: 'IDENTITY_JWKS_UNAVAILABLE',
      status: 503,
    });
  });

  it('Singpass and Corppass logins: the identity is narrowed by provider, with the entity, actor and roles', async () => {
    const { jwksUrl } = await startWorld(
      {
        API_ROUTES: JSON.stringify([
          {
            prefix: '/api/a',
            upstream: `${apiOrigin}/a`,
            requireRoles: [{ eService: 'EMU-ESVC-CUSTOMS', role: 'Approver' }],
          },
          { prefix: '/api/b', upstream: `${apiOrigin}/b` },
        ]),
      },
      { singpass: 'login', corppass: true },
    );
    serveApi({ a: verifierFor(jwksUrl, AUDIENCE_A), b: verifierFor(jwksUrl, AUDIENCE_B) });
    const corppass = world.browser();
    await corppass.navigate(`${BFF_ORIGIN}/auth/login?provider=corppass&returnTo=/business`, {
      from: `${BFF_ORIGIN}/`,
    });
    const business = (await (await callApi(corppass, '/api/a/declarations')).json()) as Identity;
    expect(business.provider).toBe('corppass');
    if (business.provider !== 'corppass') return;
    expect(business.sub).toBe(`corppass:${business.providerSub}`);
    expect(business.entity).toMatchObject({ id: '201912345K', name: 'HARBOURFRONT LOGISTICS PTE. LTD.' });
    expect(business.actor).toMatchObject({ name: 'TAN HENG HUAT' });
    expect(business.actor?.sub).toMatch(/\S/);
    expect(business.roles).toEqual([{ eService: 'EMU-ESVC-CUSTOMS', role: 'Approver' }]);
    // The route without requireRoles: the entity and actor travel, no roles.
    const open = (await (await callApi(corppass, '/api/b/x')).json()) as Identity;
    expect(open).toMatchObject({ provider: 'corppass', roles: [] });

    const singpass = world.browser();
    await singpass.navigate(`${BFF_ORIGIN}/auth/login?provider=singpass&returnTo=/profile`, {
      from: `${BFF_ORIGIN}/`,
    });
    const person = (await (await callApi(singpass, '/api/b/me')).json()) as Identity;
    const session = await readSession(singpass);
    expect(session.provider).toBe('singpass');
    expect(person).toMatchObject({
      provider: 'singpass',
      sub: `singpass:${session.sub}`,
      providerSub: session.sub,
    });
  });
});
