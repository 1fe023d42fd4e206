/**
 * The Singpass room against oidc-provider 9 (an OpenID-certified FAPI 2.0 OP), configured like Singpass
 * (SINGPASS-CORPPASS-FAPI.md §8.3): mounted at `/fapi` with Singpass's paths, FAPI 2.0 profile, PAR required,
 * DPoP-bound tokens, `private_key_jwt` ES256, ID tokens encrypted ECDH-ES+A256KW/A256CBC-HS512 and userinfo
 * as a JWE (A256GCM) of an ES256 JWS, claims in `sub_attributes` (Login apps) and `person_info` (Myinfo
 * apps). A login is driven with plain HTTP and a cookie jar: PAR → `/auth` → a tiny interaction route that
 * logs a fixed account in and grants the scopes → the callback URL → `completeLogin`.
 *
 * Where oidc-provider differs from Singpass, and what this test does about it (§8.3, last list):
 * - It requires neither `state` nor a code-flow `nonce` at PAR: the test records the PAR parameters it saw
 *   and asserts both were sent. Its `assertJwtClientAuthClaimsAndHeader` hook is set to Singpass's rules
 *   (`typ: JWT`, `sub` = `client_id`, `exp − iat` ≤ 120, and `aud` = issuer, re-implemented because
 *   overriding the hook drops the built-in FAPI check), and an `extraParams` validator enforces
 *   `authentication_context_type` (required for Login apps, forbidden for Myinfo apps).
 * - It ignores unknown scopes where Singpass answers `invalid_scope`; the test asks only for known ones.
 * - It accepts DPoP proofs without a nonce within ±300 s of `iat`; nonces are required only in the nonce
 *   test (`requireNonce`), which proves the BFF's single retry on `use_dpop_nonce`.
 * - It always adds `iss` to the callback (RFC 9207) and `expires_in`/`scope` to the token answer, `auth_time`
 *   and `sid` to the ID token and `iss`/`aud` to the JWE header; the BFF neither needs nor rejects them.
 * - Its access tokens are opaque (Singpass's are JWTs that RPs must treat as opaque): the DPoP binding is
 *   read from the `access_token.saved` event's `jkt`.
 * - Its error codes are its own; there is no Singpass app/QR journey, consent, SFA behaviour or upstream
 *   fault redirect. Its `expires_in` for PAR is 60 like Singpass's.
 */
import { randomBytes } from 'node:crypto';
import { calculateJwkThumbprint, decodeJwt, decodeProtectedHeader, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CookieJar } from '../../../../scripts/lib/cookie-jar.mjs';
import { createSingpassProvider, type SingpassProvider } from '../../src/providers/singpass';
import { publicOf } from '../support/singpass-fixtures';
import {
  ACCOUNT,
  type ClientSetup,
  LOA2,
  MYINFO_SCOPES,
  makeClient,
  REDIRECT_URI,
  type SingpassLikeOp,
  startSingpassLikeOp,
} from '../support/singpass-like-op';

const loginApp = makeClient('loginapp0123456789abcdefghijklmn', 'login');
const myinfoApp = makeClient('myinfoapp123456789abcdefghijklmn', 'myinfo');
const plainApp = makeClient('plainapp0123456789abcdefghijklmn', 'login', true);

/** What the BFF sent, through its injected fetch. */
const sent = { assertionJtis: [] as string[], dpopThumbprints: [] as string[], urls: [] as string[] };
/** The JWE headers of what the BFF received: the token answer's `id_token` and userinfo's body. */
const received = {
  idTokenHeaders: [] as Array<Record<string, unknown>>,
  userinfoHeaders: [] as Array<Record<string, unknown>>,
};
/** Rewrites the token answer's `id_token` on its way to the BFF (tamper tests). */
let tamperIdToken: ((idToken: string) => string) | undefined;

let op: SingpassLikeOp;
let issuer: string;

/** The BFF's fetch: records what it sends (assertion `jti`s, DPoP keys) and can tamper the ID token. */
const bffFetch: typeof fetch = async (input, init) => {
  const url = String(input);
  sent.urls.push(url);
  const dpop = new Headers(init?.headers).get('dpop');
  if (dpop) sent.dpopThumbprints.push(await calculateJwkThumbprint(decodeProtectedHeader(dpop).jwk as JWK));
  if (typeof init?.body === 'string') {
    const assertion = new URLSearchParams(init.body).get('client_assertion');
    if (assertion) sent.assertionJtis.push(String(decodeJwt(assertion).jti));
  }
  const response = await fetch(input, init);
  if (url.endsWith('/fapi/userinfo') && response.status === 200)
    received.userinfoHeaders.push(decodeProtectedHeader(await response.clone().text()));
  if (url.endsWith('/fapi/token') && response.status === 200) {
    const { id_token } = (await response.clone().json()) as { id_token: string };
    received.idTokenHeaders.push(decodeProtectedHeader(id_token));
  }
  if (!tamperIdToken || !url.endsWith('/fapi/token') || response.status !== 200) return response;
  const body = (await response.json()) as Record<string, unknown>;
  return Response.json(
    { ...body, id_token: tamperIdToken(String(body.id_token)) },
    { headers: response.headers },
  );
};

function bffFor(setup: ClientSetup, scopes: string[]): SingpassProvider {
  return createSingpassProvider(
    {
      clientId: setup.clientId,
      issuer,
      redirectUri: REDIRECT_URI,
      scopes,
      appType: setup.appType,
      keys: setup.keys,
      timeoutMs: 5000,
      clockToleranceSeconds: 30,
    },
    { fetch: bffFetch, clock: Date.now },
  );
}

const secret = () => randomBytes(32).toString('base64url');

/** A browser following redirects from the authorization URL until it would land on the BFF's callback. */
async function browse(authorizationUrl: string): Promise<URL> {
  const jar = new CookieJar();
  let current = new URL(authorizationUrl);
  for (let hop = 0; hop < 10; hop++) {
    if (current.href.startsWith(REDIRECT_URI)) return current;
    const cookie = jar.headerFor({ url: current, topLevelNavigation: true });
    const response = await fetch(current, { redirect: 'manual', headers: cookie ? { cookie } : {} });
    jar.store(current, response.headers.getSetCookie());
    const location = response.headers.get('location');
    if (!location)
      throw new Error(
        `${current.pathname} answered ${response.status}: ${(await response.text()).slice(0, 500)}`,
      );
    current = new URL(location, current);
  }
  throw new Error('too many redirects');
}

/** One whole login: begin, browse, complete; the transaction's providerData JSON round-tripped. */
async function logIn(bff: SingpassProvider) {
  const secrets = { state: secret(), nonce: secret(), codeVerifier: secret() };
  const { url, providerData } = await bff.beginLogin(secrets);
  const callback = await browse(url);
  expect(callback.searchParams.get('state')).toBe(secrets.state);
  // oidc-provider always sends RFC 9207 `iss`; the shared layer compares it with the transaction's issuer.
  expect(callback.searchParams.get('iss')).toBe(issuer);
  return bff.completeLogin({
    ...secrets,
    code: callback.searchParams.get('code') ?? '',
    scopes: bff.scopes,
    providerData: JSON.parse(JSON.stringify(providerData)),
  });
}

beforeAll(async () => {
  op = await startSingpassLikeOp([loginApp, myinfoApp, plainApp]);
  issuer = op.issuer;
});

afterAll(() => op.close());

describe('Singpass room against oidc-provider 9 as a Singpass-like FAPI 2.0 OP', () => {
  it('a Login app logs in: the identity comes from the encrypted ID token sub_attributes', async () => {
    const bff = bffFor(loginApp, ['openid', 'user.identity', 'name']);
    const identity = await logIn(bff);
    expect(identity).toEqual({
      provider: 'singpass',
      sub: ACCOUNT.sub,
      appType: 'login',
      scopes: ['openid', 'user.identity', 'name'],
      user: { accountType: 'standard', identityNumber: 'S9812381D', identityCoi: 'SG', name: 'TAN XIAO HUI' },
      acr: LOA2,
      amr: ['pwd', 'otp-sms'],
    });
    const par = op.seen.parParams.at(-1);
    expect(par).toMatchObject({
      authentication_context_type: 'APP_AUTHENTICATION_DEFAULT',
      code_challenge_method: 'S256',
    });
    expect(typeof par?.state).toBe('string');
    expect(typeof par?.nonce).toBe('string');
    expect(received.idTokenHeaders.at(-1)).toMatchObject({
      alg: 'ECDH-ES+A256KW',
      enc: 'A256CBC-HS512',
      kid: `${loginApp.clientId}-enc`,
    });
    // A Login app never calls userinfo.
    expect(sent.urls.filter((u) => u.endsWith('/fapi/userinfo'))).toEqual([]);
  });

  it('a Myinfo app logs in: the person comes from the encrypted userinfo person_info', async () => {
    const bff = bffFor(myinfoApp, ['openid', ...MYINFO_SCOPES]);
    const identity = await logIn(bff);
    expect(identity).toMatchObject({
      provider: 'singpass',
      sub: ACCOUNT.sub,
      appType: 'myinfo',
      user: {},
      acr: LOA2,
    });
    if (identity.provider !== 'singpass') throw new Error('not singpass');
    expect(identity.person).toMatchObject({
      uinfin: { available: true, value: 'S9812381D', source: '1', lastUpdated: '2024-03-01' },
      name: { available: true, value: 'TAN XIAO HUI' },
      sex: { available: true, value: { code: 'F', desc: 'FEMALE' } },
      dob: { available: true, value: '1998-06-06' },
      email: { available: false },
      regadd: {
        available: true,
        value: { type: 'SG', block: '102', postal: '460102', street: 'BEDOK NORTH AVENUE 4' },
      },
      other: {},
    });
    expect(op.seen.parParams.at(-1)?.authentication_context_type).toBeUndefined();
    expect(sent.urls.filter((u) => u.endsWith('/fapi/userinfo'))).toHaveLength(1);
    expect(received.userinfoHeaders.at(-1)).toMatchObject({ alg: 'ECDH-ES+A256KW', enc: 'A256GCM' });
  });

  it('two logins use two different DPoP keys, each bound to its own access token', async () => {
    const bff = bffFor(loginApp, ['openid', 'name']);
    const before = op.seen.accessTokenJkts.length;
    const sentBefore = sent.dpopThumbprints.length;
    await logIn(bff);
    const firstLogin = new Set(sent.dpopThumbprints.slice(sentBefore));
    const middle = sent.dpopThumbprints.length;
    await logIn(bff);
    const secondLogin = new Set(sent.dpopThumbprints.slice(middle));
    const [first, second] = op.seen.accessTokenJkts.slice(before);
    expect(first).toBeDefined();
    expect(second).toBeDefined();
    expect(first).not.toBe(second);
    // Within a login, PAR and token used the one key oidc-provider bound the access token to.
    expect([...firstLogin]).toEqual([first]);
    expect([...secondLogin]).toEqual([second]);
    const clientKeyThumbprints = await Promise.all(
      loginApp.keys.map((k) => calculateJwkThumbprint(publicOf(k))),
    );
    expect(clientKeyThumbprints).not.toContain(first);
  });

  it('no client assertion jti is ever reused across calls', () => {
    expect(sent.assertionJtis.length).toBeGreaterThanOrEqual(8);
    expect(new Set(sent.assertionJtis).size).toBe(sent.assertionJtis.length);
  });

  it('retries once with the DPoP nonce when the OP demands one, at PAR, token and userinfo', async () => {
    op.requireDpopNonce(true);
    try {
      const bff = bffFor(myinfoApp, ['openid', 'name']);
      const before = sent.urls.length;
      const identity = await logIn(bff);
      expect(identity.sub).toBe(ACCOUNT.sub);
      const calls = sent.urls.slice(before).map((u) => new URL(u).pathname);
      const count = (path: string) => calls.filter((c) => c === path).length;
      // PAR and token (each the first call of its half of the login) are refused once for want of a nonce
      // and succeed with it; userinfo, on the same origin, already has the token answer's nonce.
      expect(count('/fapi/par')).toBe(2);
      expect(count('/fapi/token')).toBe(2);
      expect(count('/fapi/userinfo')).toBe(1);
    } finally {
      op.requireDpopNonce(false);
    }
  });

  it('refuses an unencrypted ID token (a client registered without ID token encryption)', async () => {
    const bff = bffFor(plainApp, ['openid', 'name']);
    await expect(logIn(bff)).rejects.toMatchObject({ code: 'BFF_ID_TOKEN_NOT_ENCRYPTED' });
  });

  it('refuses a tampered ID token', async () => {
    const bff = bffFor(loginApp, ['openid', 'name']);
    tamperIdToken = (jwe) => {
      const parts = jwe.split('.');
      const ciphertext = parts[3] ?? '';
      parts[3] = `${ciphertext.slice(0, 10)}${ciphertext[10] === 'A' ? 'B' : 'A'}${ciphertext.slice(11)}`;
      return parts.join('.');
    };
    try {
      await expect(logIn(bff)).rejects.toMatchObject({ code: 'BFF_ID_TOKEN_DECRYPT_FAILED' });
    } finally {
      tamperIdToken = undefined;
    }
  });

  it('refuses an ID token whose JWE names an enc key the BFF does not hold', async () => {
    const bff = bffFor(loginApp, ['openid', 'name']);
    tamperIdToken = (jwe) => {
      const [header = '', ...rest] = jwe.split('.');
      const decoded = JSON.parse(Buffer.from(header, 'base64url').toString());
      return [
        Buffer.from(JSON.stringify({ ...decoded, kid: 'someone-else' })).toString('base64url'),
        ...rest,
      ].join('.');
    };
    try {
      await expect(logIn(bff)).rejects.toMatchObject({ code: 'BFF_ID_TOKEN_DECRYPT_FAILED' });
    } finally {
      tamperIdToken = undefined;
    }
  });
});
