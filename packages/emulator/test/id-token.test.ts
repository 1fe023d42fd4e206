/** ID token, JWKS, discovery, pairwise `sub` and key persistence across restarts. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createLocalJWKSet, decodeProtectedHeader, type JSONWebKeySet, jwtVerify } from 'jose';
import { afterAll, describe, expect, it } from 'vitest';
import { createEmulatorApp } from '../src/index';
import { authorizeCode, logIn, postToken } from './flow';
import { createTestConfig, OTHER_CLIENT_ID, OTHER_CLIENT_SECRET } from './helpers';

const ISSUER = 'http://127.0.0.1:5156/v2';
const config = createTestConfig(undefined, { autoApprove: 'S9812381D' });
const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

async function jwksOf(app: Awaited<ReturnType<typeof createEmulatorApp>>) {
  return (await app.inject({ url: '/v2/.well-known/jwks.json' })).json() as JSONWebKeySet;
}

describe('ID token', () => {
  it('is RS256 with the published kid and exactly iss, sub, aud, exp, iat, nonce', async () => {
    const app = await createEmulatorApp(config);
    const { id_token } = await logIn(app, { nonce: 'n-123' });
    const jwks = await jwksOf(app);
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kty: 'RSA', use: 'sig', alg: 'RS256', kid: expect.any(String) });
    expect(jwks.keys[0]).not.toHaveProperty('d');
    expect(decodeProtectedHeader(id_token)).toMatchObject({ alg: 'RS256', kid: jwks.keys[0]?.kid });
    const { payload } = await jwtVerify(id_token, createLocalJWKSet(jwks), {
      issuer: ISSUER,
      audience: 'test-client',
      algorithms: ['RS256'],
    });
    expect(Object.keys(payload).sort()).toEqual(['aud', 'exp', 'iat', 'iss', 'nonce', 'sub']);
    expect(payload.aud).toBe('test-client');
    expect(payload.nonce).toBe('n-123');
    expect(Number.isInteger(payload.iat) && Number.isInteger(payload.exp)).toBe(true);
    await app.close();
  });
  it('has no nonce when the request had none', async () => {
    const app = await createEmulatorApp(config);
    const { id_token } = await logIn(app);
    const { payload } = await jwtVerify(id_token, createLocalJWKSet(await jwksOf(app)));
    expect(payload).not.toHaveProperty('nonce');
    await app.close();
  });
  it('uses the injected clock for iat and exp', async () => {
    const now = Date.UTC(2030, 5, 1);
    const app = await createEmulatorApp(config, { clock: () => now });
    const { id_token } = await logIn(app);
    const { payload } = await jwtVerify(id_token, createLocalJWKSet(await jwksOf(app)), {
      currentDate: new Date(now),
    });
    expect(payload.iat).toBe(now / 1000);
    expect(payload.exp).toBe(now / 1000 + 300);
    await app.close();
  });
  it('gives a pairwise sub: stable per client, different across clients', async () => {
    const app = await createEmulatorApp(config);
    const subOf = async (other = false) => {
      const tokens = other ? await logInAsOtherClient(app) : await logIn(app);
      return (await jwtVerify(tokens.id_token, createLocalJWKSet(await jwksOf(app)))).payload.sub;
    };
    const first = await subOf();
    expect(await subOf()).toBe(first);
    expect(await subOf(true)).not.toBe(first);
    expect(first).not.toContain('9812381');
    await app.close();
  });
});

async function logInAsOtherClient(app: Awaited<ReturnType<typeof createEmulatorApp>>) {
  const redirectUri = 'http://localhost:4000/callback';
  const authorized = await authorizeCode(app, { clientId: OTHER_CLIENT_ID, redirectUri });
  const response = await postToken(app, authorized, {
    client_id: OTHER_CLIENT_ID,
    client_secret: OTHER_CLIENT_SECRET,
  });
  return response.json() as { id_token: string };
}

describe('data directory', () => {
  it('keeps the signing key and every sub across restarts', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'sgid-emulator-'));
    dirs.push(dataDir);
    const first = await createEmulatorApp({ ...config, dataDir });
    const firstJwks = await jwksOf(first);
    const firstSub = (await jwtVerify((await logIn(first)).id_token, createLocalJWKSet(firstJwks))).payload
      .sub;
    await first.close();

    const second = await createEmulatorApp({ ...config, dataDir });
    const secondJwks = await jwksOf(second);
    expect(secondJwks).toEqual(firstJwks);
    const secondSub = (await jwtVerify((await logIn(second)).id_token, createLocalJWKSet(secondJwks))).payload
      .sub;
    expect(secondSub).toBe(firstSub);
    await second.close();
  });
  it('without one, every app has its own key', async () => {
    const a = await createEmulatorApp(config);
    const b = await createEmulatorApp(config);
    expect((await jwksOf(a)).keys[0]?.kid).not.toBe((await jwksOf(b)).keys[0]?.kid);
    await Promise.all([a.close(), b.close()]);
  });
});

describe('discovery', () => {
  it('publishes the issuer, endpoints and exactly what is enforced', async () => {
    const app = await createEmulatorApp(config);
    const doc = (await app.inject({ url: '/v2/.well-known/openid-configuration' })).json();
    expect(doc).toMatchObject({
      issuer: ISSUER,
      authorization_endpoint: 'http://127.0.0.1:5156/v2/oauth/authorize',
      token_endpoint: 'http://127.0.0.1:5156/v2/oauth/token',
      userinfo_endpoint: 'http://127.0.0.1:5156/v2/oauth/userinfo',
      jwks_uri: 'http://127.0.0.1:5156/v2/.well-known/jwks.json',
      response_types_supported: ['code'],
      grant_types_supported: ['authorization_code'],
      subject_types_supported: ['pairwise'],
      id_token_signing_alg_values_supported: ['RS256'],
      code_challenge_methods_supported: ['S256'],
      token_endpoint_auth_methods_supported: ['client_secret_post'],
    });
    expect(doc.scopes_supported).toContain('openid');
    expect(doc.scopes_supported).toContain('pocdex.public_officer_details');
    await app.close();
  });
  it('takes the issuer from config, never from the Host header', async () => {
    const app = await createEmulatorApp(config);
    const doc = (
      await app.inject({ url: '/v2/.well-known/openid-configuration', headers: { host: 'evil.example' } })
    ).json();
    expect(doc.issuer).toBe(ISSUER);
    await app.close();
  });
});
