/**
 * The Corppass room against oidc-provider 9 (an OpenID-certified FAPI 2.0 OP), configured like Corppass
 * (SINGPASS-CORPPASS-FAPI.md §8.3; `support/corppass-like-op.ts`): mounted at the root (issuer
 * `http://127.0.0.1:PORT`, no `/fapi`) with `/request`, `/mga/sps/oauth/oauth20/authorize`,
 * `/mga/sps/oauth/oauth20/token`, `/userinfo`, `/.well-known/keys`; FAPI 2.0 profile, PAR required,
 * DPoP-bound tokens, `private_key_jwt` ES256, ID tokens encrypted ECDH-ES+A256KW/A256CBC-HS512 and userinfo
 * as a JWE (A256GCM) of an ES256 JWS. `sub` is the entity's UEN; `act` and `auth_info`/`tp_auth_info` are
 * built in `findAccount().claims()`. A login is driven with plain HTTP and a cookie jar: PAR → authorize →
 * a tiny interaction route that logs the entity's user in and grants the scopes → callback → `completeLogin`.
 *
 * Where oidc-provider differs from Corppass, and what this test does about it:
 * - It requires neither `state` nor a code-flow `nonce` at PAR: the test asserts both were sent. The
 *   assertion hook enforces §4.5 (`typ: JWT`, `sub` = `client_id`, `exp − iat` ≤ 120, `aud` = issuer); the
 *   test also checks the BFF's assertions carry the signing `kid` Corppass expects (oidc-provider would
 *   try every key without one). An `extraParams` validator enforces the Corppass context-type rule.
 * - It releases claims only through scopes, so `act` rides on `openid`; Corppass filters `act`'s and the
 *   entity's `sub_attributes` by scope, which `claims()` imitates. Its `acr` is the Singpass LoA URN:
 *   Corppass's `acr` values are undocumented (§9).
 * - Its userinfo JWE header is `{alg, enc, cty: 'JWT', kid, …}`; Corppass's is `typ: 'JWE'` without `cty`
 *   (3P): the BFF reads neither, and `fapi/decrypt-jwe.test.ts` covers headers without `cty`.
 * - Double encoding and a missing `act` are faked by `claims()` (`doubleEncode`, `dropAct`): oidc-provider
 *   itself never does either. Its access tokens are opaque (the DPoP binding is read from the
 *   `access_token.saved` event); it always adds `iss` to the callback, `expires_in`/`scope` to the token
 *   answer (Corppass echoes `scope` too), and `auth_time`/`sid` to the ID token; the BFF needs none.
 * - No Corppass "acting for" entity choice, consent, PascalCase error texts or upstream faults.
 */
import { randomBytes } from 'node:crypto';
import { calculateJwkThumbprint, decodeProtectedHeader, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CookieJar } from '../../../../scripts/lib/cookie-jar.mjs';
import { type CorppassProvider, createCorppassProvider } from '../../src/providers/corppass';
import {
  ACTOR,
  CORPPASS_REDIRECT_URI,
  type CorppassLikeOp,
  ENTITY,
  makeCorppassClient,
  startCorppassLikeOp,
} from '../support/corppass-like-op';

const client = makeCorppassClient('51YUlwazLASM7aqMiBNW');
const ALL_SCOPES = [
  'openid',
  'authinfo',
  'tpauthinfo',
  'entity.identity',
  'entity.basic_profile.entity_name',
  'entity.basic_profile.uen_status',
  'user.identity',
  'user.name',
  'user.corppass.email',
];

/** What the BFF sent, through its injected fetch. */
const sent = {
  urls: [] as string[],
  dpopThumbprints: [] as Array<{ path: string; jkt: string }>,
  assertionKids: [] as unknown[],
};

let op: CorppassLikeOp;
let issuer: string;

const bffFetch: typeof fetch = async (input, init) => {
  const url = String(input);
  sent.urls.push(url);
  const dpop = new Headers(init?.headers).get('dpop');
  if (dpop)
    sent.dpopThumbprints.push({
      path: new URL(url).pathname,
      jkt: await calculateJwkThumbprint(decodeProtectedHeader(dpop).jwk as JWK),
    });
  if (typeof init?.body === 'string') {
    const assertion = new URLSearchParams(init.body).get('client_assertion');
    if (assertion) sent.assertionKids.push(decodeProtectedHeader(assertion).kid);
  }
  return fetch(input, init);
};

function bffFor(scopes: string[]): CorppassProvider {
  return createCorppassProvider(
    {
      clientId: client.clientId,
      issuer,
      redirectUri: CORPPASS_REDIRECT_URI,
      scopes,
      keys: client.keys,
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
    if (current.href.startsWith(CORPPASS_REDIRECT_URI)) return current;
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

/** One whole login: begin, browse, callback (`code`, `state`, `iss`), complete; providerData round-tripped. */
async function logIn(bff: CorppassProvider) {
  const secrets = { state: secret(), nonce: secret(), codeVerifier: secret() };
  const { url, providerData } = await bff.beginLogin(secrets);
  expect(new URL(url).pathname).toBe('/mga/sps/oauth/oauth20/authorize');
  const callback = await browse(url);
  expect(callback.searchParams.get('state')).toBe(secrets.state);
  // The shared layer compares RFC 9207 `iss` with the transaction's issuer; here it is the root issuer.
  expect(callback.searchParams.get('iss')).toBe(issuer);
  return bff.completeLogin({
    ...secrets,
    code: callback.searchParams.get('code') ?? '',
    scopes: bff.scopes,
    providerData: JSON.parse(JSON.stringify(providerData)),
  });
}

const expectedIdentity = {
  provider: 'corppass',
  sub: ENTITY.sub,
  scopes: ALL_SCOPES,
  entity: {
    id: ENTITY.sub,
    type: 'UEN',
    registrationNumber: '201912345K',
    countryOfIncorporation: 'SG',
    name: 'HARBOURFRONT LOGISTICS PTE. LTD.',
    uenStatus: 'R',
  },
  actor: {
    sub: ACTOR.sub,
    accountType: 'standard',
    identityNumber: 'S9812381D',
    identityCoi: 'SG',
    name: 'TAN XIAO HUI',
    email: 'hh.tan@harbourfront.example',
    emailVerified: true,
  },
  authorisations: [
    {
      eServiceId: 'ESVC-CUSTOMS',
      role: 'Approver',
      startDate: '2020-01-01',
      endDate: null,
      parameters: [{ name: 'ApprovalLimit', value: '100000' }],
    },
    {
      eServiceId: 'ESVC-CUSTOMS',
      role: 'Preparer',
      startDate: '2019-01-01',
      endDate: '2021-12-31',
      parameters: [],
    },
    {
      eServiceId: 'ESVC-CUSTOMS',
      role: 'Preparer',
      startDate: '2022-07-01',
      endDate: null,
      parameters: [],
      thirdParty: { clientEntityId: '201812345M', clientEntityType: 'UEN' },
    },
  ],
  acr: 'urn:singpass:authentication:loa:2',
  amr: ['pwd', 'otp-sms'],
};

beforeAll(async () => {
  op = await startCorppassLikeOp([client]);
  issuer = op.issuer;
});

afterAll(() => op.close());

describe('Corppass room against oidc-provider 9 as a Corppass-like FAPI 2.0 OP', () => {
  it('logs in: entity and acting user from the encrypted ID token, roles from encrypted userinfo', async () => {
    const bff = bffFor(ALL_SCOPES);
    const before = {
      urls: sent.urls.length,
      proofs: sent.dpopThumbprints.length,
      jkts: op.seen.accessTokenJkts.length,
    };
    await expect(logIn(bff)).resolves.toEqual(expectedIdentity);

    const par = op.seen.parParams.at(-1);
    expect(par).toMatchObject({
      authentication_context_type: 'APP_AUTHENTICATION_DEFAULT',
      code_challenge_method: 'S256',
    });
    expect(typeof par?.state).toBe('string');
    expect(typeof par?.nonce).toBe('string');
    expect(sent.urls.slice(before.urls).map((u) => new URL(u).pathname)).toEqual([
      '/.well-known/openid-configuration',
      '/request',
      '/mga/sps/oauth/oauth20/token',
      '/.well-known/keys',
      '/userinfo',
    ]);
    // One DPoP key for the login's PAR, token and userinfo, the one the access token is bound to.
    const proofs = sent.dpopThumbprints.slice(before.proofs);
    expect(proofs.map((p) => p.path)).toEqual(['/request', '/mga/sps/oauth/oauth20/token', '/userinfo']);
    expect(new Set(proofs.map((p) => p.jkt))).toEqual(new Set([op.seen.accessTokenJkts.at(before.jkts)]));
    expect(sent.assertionKids.slice(-2)).toEqual([`${client.clientId}-sig`, `${client.clientId}-sig`]);
  });

  it('reads act, auth_info and tp_auth_info sent double-encoded as JSON strings', async () => {
    op.doubleEncode(true);
    try {
      const before = op.blockTypes.length;
      await expect(logIn(bffFor(ALL_SCOPES))).resolves.toEqual(expectedIdentity);
      const sentBlocks = op.blockTypes.slice(before);
      expect(new Set(sentBlocks.map((b) => b.claim))).toEqual(new Set(['act', 'auth_info', 'tp_auth_info']));
      expect(sentBlocks.every((b) => b.type === 'string')).toBe(true);
    } finally {
      op.doubleEncode(false);
    }
  });

  it('never calls userinfo without authinfo or tpauthinfo, and keeps only the granted attributes', async () => {
    const before = sent.urls.length;
    const identity = await logIn(bffFor(['openid', 'user.name']));
    expect(identity).toEqual({
      provider: 'corppass',
      sub: ENTITY.sub,
      scopes: ['openid', 'user.name'],
      entity: { id: ENTITY.sub },
      actor: { sub: ACTOR.sub, name: 'TAN XIAO HUI' },
      authorisations: [],
      acr: 'urn:singpass:authentication:loa:2',
      amr: ['pwd', 'otp-sms'],
    });
    expect(sent.urls.slice(before).filter((u) => u.endsWith('/userinfo'))).toEqual([]);
  });

  it('refuses an ID token without act (no acting user): BFF_ID_TOKEN_INVALID, no userinfo call', async () => {
    op.dropAct(true);
    const before = sent.urls.length;
    try {
      await expect(logIn(bffFor(ALL_SCOPES))).rejects.toMatchObject({
        code: 'BFF_ID_TOKEN_INVALID',
        detail: 'Corppass ID token act (the acting user) is missing',
      });
      expect(sent.urls.slice(before).filter((u) => u.endsWith('/userinfo'))).toEqual([]);
    } finally {
      op.dropAct(false);
    }
  });

  it('access tokens are bound to a new DPoP key per login, never the client key', async () => {
    const before = op.seen.accessTokenJkts.length;
    await logIn(bffFor(['openid']));
    await logIn(bffFor(['openid']));
    const [first, second] = op.seen.accessTokenJkts.slice(before);
    expect(first).toBeDefined();
    expect(first).not.toBe(second);
    const clientKeys = await Promise.all(
      client.keys.map((k) => calculateJwkThumbprint({ ...k, d: undefined })),
    );
    expect(clientKeys).not.toContain(first);
  });
});
