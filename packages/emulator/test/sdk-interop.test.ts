/**
 * The official `@opengovsg/sgid-client` 2.3.0 completes full logins against the emulator, over real HTTP,
 * for every scope of the catalogue, and its `parseData` yields the structures the catalogue describes.
 */
import { createRequire } from 'node:module';
import { CATALOGUE, DATA_SCOPES, type DataScope, NOT_AVAILABLE, parseScopeValue } from '@sgid-bff/protocol';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILT_IN_PERSONAS } from '../src/index';
import { readPersonaValue } from '../src/personas/persona';
import {
  CLIENT_ID,
  CLIENT_PRIVATE_KEY,
  CLIENT_SECRET,
  REDIRECT_URI,
  startListeningEmulator,
} from './helpers';

// The SDK is CommonJS with a default export; load it the way an ESM app would through createRequire.
type SgidModule = typeof import('@opengovsg/sgid-client');
const require = createRequire(import.meta.url);
const sgid = require('@opengovsg/sgid-client') as SgidModule;
const SgidClient = sgid.default;
type SgidClientType = typeof SgidClient;

let app: FastifyInstance;
let origin: string;
let sdk: InstanceType<SgidClientType>;

beforeAll(async () => {
  ({ app, origin } = await startListeningEmulator());
  sdk = new SgidClient({
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    privateKey: CLIENT_PRIVATE_KEY,
    redirectUri: REDIRECT_URI,
    hostname: origin,
  });
});

afterAll(async () => {
  await app.close();
});

/** Walk the interactive flow over HTTP: QR page → app page → persona → approve → status → code. */
async function approveInApp(authorizationUrl: string, nric: string): Promise<URL> {
  const qrPage = await fetch(authorizationUrl);
  expect(qrPage.status).toBe(200);
  const html = await qrPage.text();
  const appUrl =
    /id="open-app"[^>]*href="([^"]+)"/.exec(html)?.[1] ?? /href="([^"]+)"[^>]*id="open-app"/.exec(html)?.[1];
  expect(appUrl).toBeDefined();
  const requestUrl = String(appUrl).replaceAll('&amp;', '&');
  const form = (body: Record<string, string>) => ({
    method: 'POST',
    redirect: 'manual' as const,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(body).toString(),
  });
  expect((await fetch(`${requestUrl}/persona`, form({ nric }))).status).toBe(303);
  expect((await fetch(`${requestUrl}/approve`, form({}))).status).toBe(303);
  const status = (await (await fetch(`${requestUrl}/status`)).json()) as { status: string; redirect: string };
  expect(status.status).toBe('approved');
  return new URL(status.redirect);
}

/** For each data scope, a built-in persona that has a real value for it. */
function personaFor(scope: DataScope): string {
  const persona = BUILT_IN_PERSONAS.find((p) => readPersonaValue(p, scope) !== NOT_AVAILABLE);
  if (persona === undefined) throw new Error(`no persona has ${scope}`);
  return persona.nric;
}

describe('the official sgID SDK against the emulator', () => {
  it('completes a login with the default scope and state echoed', async () => {
    const { codeChallenge, codeVerifier } = sgid.generatePkcePair();
    const { url, nonce } = sdk.authorizationUrl({ codeChallenge, state: 'xyz' });
    const callback = await approveInApp(url, 'S9812381D');
    expect(callback.origin + callback.pathname).toBe(REDIRECT_URI);
    expect(callback.searchParams.get('state')).toBe('xyz');
    const code = callback.searchParams.get('code') ?? '';
    const { sub, accessToken } = await sdk.callback({ code, codeVerifier, nonce });
    const userinfo = await sdk.userinfo({ sub, accessToken });
    expect(userinfo.sub).toBe(sub);
    expect(userinfo.data).toEqual({ 'myinfo.name': 'TAN HENG HUAT' });
  });

  const byPersona = new Map<string, DataScope[]>();
  for (const scope of DATA_SCOPES) {
    const nric = personaFor(scope);
    byPersona.set(nric, [...(byPersona.get(nric) ?? []), scope]);
  }

  for (const [nric, scopes] of byPersona) {
    it(`returns real values that parse as the catalogue says for ${nric}: ${scopes.join(' ')}`, async () => {
      const { codeChallenge, codeVerifier } = sgid.generatePkcePair();
      const { url, nonce } = sdk.authorizationUrl({ codeChallenge, scope: ['openid', ...DATA_SCOPES] });
      const callback = await approveInApp(url, nric);
      const code = callback.searchParams.get('code') ?? '';
      const { sub, accessToken } = await sdk.callback({ code, codeVerifier, nonce });
      const { data } = await sdk.userinfo({ sub, accessToken });
      expect(Object.keys(data).sort()).toEqual([...DATA_SCOPES].sort());
      const parsedBySdk = sdk.parseData(data);
      for (const scope of scopes) {
        const raw = data[scope];
        expect(raw).toBeDefined();
        expect(raw).not.toBe(NOT_AVAILABLE);
        const ours = parseScopeValue(scope, raw ?? '');
        expect(ours.ok, `${scope} parses with the catalogue`).toBe(true);
        if (CATALOGUE[scope].format === 'records') {
          expect(Array.isArray(parsedBySdk[scope]), `${scope} is an array after parseData`).toBe(true);
          expect(parsedBySdk[scope]).toEqual(ours.ok ? ours.value : undefined);
        } else {
          expect(parsedBySdk[scope]).toBe(raw);
        }
      }
    });
  }

  it('completes an auto-approved login for an openid-only request with empty data', async () => {
    const auto = await startListeningEmulator({ autoApprove: 'S8234567A' });
    try {
      const client = new SgidClient({
        clientId: CLIENT_ID,
        clientSecret: CLIENT_SECRET,
        privateKey: CLIENT_PRIVATE_KEY,
        redirectUri: REDIRECT_URI,
        hostname: auto.origin,
      });
      const { codeChallenge, codeVerifier } = sgid.generatePkcePair();
      const { url, nonce } = client.authorizationUrl({ codeChallenge, scope: 'openid', state: 's1' });
      const response = await fetch(url, { redirect: 'manual' });
      expect(response.status).toBe(302);
      const location = new URL(response.headers.get('location') ?? '');
      const code = location.searchParams.get('code') ?? '';
      const { sub, accessToken } = await client.callback({ code, codeVerifier, nonce });
      expect(await client.userinfo({ sub, accessToken })).toEqual({ sub, data: {} });
    } finally {
      await auto.app.close();
    }
  });
});

describe('the official sgID SDK refuses what the faults inject', () => {
  let faulty: { app: FastifyInstance; origin: string };
  let client: InstanceType<SgidClientType>;
  beforeAll(async () => {
    faulty = await startListeningEmulator({ autoApprove: 'S9812381D' });
    client = new SgidClient({
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      privateKey: CLIENT_PRIVATE_KEY,
      redirectUri: REDIRECT_URI,
      hostname: faulty.origin,
    });
  });
  afterAll(() => faulty.app.close());

  async function loginWith(faults: string[]) {
    await fetch(`${faulty.origin}/debug/clients/${CLIENT_ID}/faults`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ faults }),
    });
    const { codeChallenge, codeVerifier } = sgid.generatePkcePair();
    const { url, nonce } = client.authorizationUrl({ codeChallenge });
    const location = (await fetch(url, { redirect: 'manual' })).headers.get('location') ?? '';
    const code = new URL(location).searchParams.get('code') ?? '';
    return () => client.callback({ code, codeVerifier, nonce });
  }

  for (const fault of [
    'expired-id-token',
    'wrong-nonce',
    'wrong-aud',
    'wrong-iss',
    'bad-signature',
    'unknown-kid',
    'token-error',
  ]) {
    it(`callback fails with ${fault}`, async () => {
      await expect((await loginWith([fault]))()).rejects.toThrow();
    });
  }

  for (const fault of ['sub-mismatch', 'malformed-jwe', 'userinfo-error']) {
    it(`userinfo fails with ${fault}`, async () => {
      const { sub, accessToken } = await (await loginWith([fault]))();
      await expect(client.userinfo({ sub, accessToken })).rejects.toThrow();
    });
  }

  it('userinfo still decrypts unexpected-jwe-alg: the SDK does not pin algorithms, so a BFF must', async () => {
    const { sub, accessToken } = await (await loginWith(['unexpected-jwe-alg']))();
    expect((await client.userinfo({ sub, accessToken })).data).toEqual({ 'myinfo.name': 'TAN HENG HUAT' });
  });
});
