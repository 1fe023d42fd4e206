/**
 * openid-client 6 (an OpenID-certified relying party) against the Singpass FAPI 2.0 emulator listening
 * on 127.0.0.1: discovery, private_key_jwt (no `typ`, as openid-client sends it), a per-login DPoP key
 * (proofs without `exp`), PAR, the auto-approved authorize redirect with `iss`, the code grant with an
 * encrypted ID token, and encrypted userinfo. Then every injected fault makes the same login fail.
 */
import type { FastifyInstance } from 'fastify';
import * as client from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FaultName } from '../../src/index';
import {
  type ClientKeys,
  createClientKeys,
  LOGIN_CLIENT_ID,
  MYINFO_CLIENT_ID,
  REDIRECT_URI,
  startSingpassEmulator,
} from './fapi-fixtures';

let keys: ClientKeys;
let app: FastifyInstance;
let issuer: string;

beforeAll(async () => {
  keys = await createClientKeys();
  ({ app, issuer } = await startSingpassEmulator(keys));
});
afterAll(async () => {
  await app.close();
});

async function configure(clientId: string): Promise<client.Configuration> {
  const config = await client.discovery(
    new URL(issuer),
    clientId,
    { id_token_signed_response_alg: 'ES256', userinfo_signed_response_alg: 'ES256' },
    client.PrivateKeyJwt({ key: keys.signing.privateKey, kid: keys.signing.kid }),
    { execute: [client.allowInsecureRequests] },
  );
  // openid-client skips the ID token signature for a token-endpoint response unless asked; a Singpass RP
  // must verify it against the OP JWKS (design doc §4.9), so the proof here does too.
  client.enableNonRepudiationChecks(config);
  client.enableDecryptingResponses(config, ['A256GCM', 'A256CBC-HS512'], {
    key: keys.encryption.privateKey,
    alg: 'ECDH-ES+A256KW',
    kid: keys.encryption.kid,
  });
  return config;
}

/** One whole login as a BFF would run it with openid-client. */
async function login(clientId: string, scope: string, extra: Record<string, string> = {}) {
  const config = await configure(clientId);
  const dpop = client.getDPoPHandle(config, await client.randomDPoPKeyPair('ES256'));
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const authorizationUrl = await client.buildAuthorizationUrlWithPAR(
    config,
    {
      redirect_uri: REDIRECT_URI,
      scope,
      state,
      nonce,
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      ...extra,
    },
    { DPoP: dpop },
  );
  const answer = await fetch(authorizationUrl, { redirect: 'manual' });
  expect(answer.status).toBe(302);
  const callback = new URL(answer.headers.get('location') ?? '');
  const tokens = await client.authorizationCodeGrant(
    config,
    callback,
    { pkceCodeVerifier: verifier, expectedNonce: nonce, expectedState: state, idTokenExpected: true },
    undefined,
    { DPoP: dpop },
  );
  const claims = tokens.claims();
  if (claims === undefined) throw new Error('no ID token claims');
  const userinfo = await client.fetchUserInfo(config, tokens.access_token, claims.sub, { DPoP: dpop });
  return { tokens, claims, userinfo, callback };
}

async function setFaults(clientId: string, faults: FaultName[]): Promise<void> {
  const response = await app.inject({
    method: 'PUT',
    url: `/debug/clients/${clientId}/faults`,
    payload: { faults },
  });
  expect(response.statusCode).toBe(200);
}

describe('openid-client 6 against the Singpass emulator', () => {
  it('completes a Login-app login: encrypted ID token with sub_attributes, acr and amr', async () => {
    const { tokens, claims, callback } = await login(LOGIN_CLIENT_ID, 'openid user.identity name mobileno', {
      authentication_context_type: 'APP_AUTHENTICATION_DEFAULT',
    });
    expect(callback.searchParams.get('iss')).toBe(issuer);
    expect(tokens.token_type.toLowerCase()).toBe('dpop');
    expect(client.getDecryptedResponses(tokens)).toBeDefined();
    expect(claims.iss).toBe(issuer);
    expect(claims.aud).toBe(LOGIN_CLIENT_ID);
    expect(claims.sub).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(claims.sub_type).toBe('user');
    expect(claims.sub_attributes).toEqual({
      account_type: 'standard',
      identity_number: 'S9812381D',
      identity_coi: 'SG',
      name: 'TAN HENG HUAT',
      mobileno: '97399245',
    });
    expect(claims.acr).toBe('urn:singpass:authentication:loa:2');
    expect(claims.amr).toEqual(['pwd', 'otp-sms']);
    expect((claims.exp as number) - (claims.iat as number)).toBe(600);
  });

  it('completes a Myinfo-app login with encrypted userinfo carrying Myinfo v5 person_info', async () => {
    const { claims, userinfo } = await login(
      MYINFO_CLIENT_ID,
      'openid uinfin name regadd mobileno cpfbalances.oa',
    );
    expect(userinfo.sub).toBe(claims.sub);
    expect(userinfo.iss).toBe(issuer);
    expect(userinfo.aud).toBe(MYINFO_CLIENT_ID);
    const person = userinfo.person_info as Record<string, Record<string, unknown>>;
    expect(person.uinfin).toMatchObject({ value: 'S9812381D', source: '1', classification: 'C' });
    expect(person.name?.value).toBe('TAN HENG HUAT');
    expect(person.regadd).toMatchObject({ type: 'SG', postal: { value: '460102' }, country: { code: 'SG' } });
    expect(person.mobileno).toMatchObject({ areacode: { value: '65' }, nbr: { value: '97399245' } });
    expect(person['cpfbalances.oa']).toMatchObject({ unavailable: true });
    // Scopes shared with Login apps (name, email, mobileno) also fill sub_attributes, as the demo saw for name.
    expect(claims.sub_attributes).toEqual({ name: 'TAN HENG HUAT', mobileno: '97399245' });
  });

  it('gives one person different subs at the Login and the Myinfo app, and the same sub twice at one', async () => {
    const first = await login(MYINFO_CLIENT_ID, 'openid name');
    const again = await login(MYINFO_CLIENT_ID, 'openid name');
    const other = await login(LOGIN_CLIENT_ID, 'openid', {
      authentication_context_type: 'APP_AUTHENTICATION_DEFAULT',
    });
    expect(again.claims.sub).toBe(first.claims.sub);
    expect(other.claims.sub).not.toBe(first.claims.sub);
  });

  const faults: Array<[FaultName, RegExp]> = [
    ['dpop-replayed', /invalid_dpop_proof|used before/],
    ['assertion-stale', /invalid_client|expired/],
    ['jwks-unreachable', /status code|server_error/],
    ['server-error', /server_error/],
    ['dpop-key-mismatch', /invalid_grant|DPoP key/],
    ['wrong-iss', /OAUTH_JWT_CLAIM_COMPARISON_FAILED/],
    ['enc-alg-swap', /enc|alg|JWE|decrypt/i],
    // sgID's faults that apply to Singpass too.
    ['wrong-aud', /OAUTH_JWT_CLAIM_COMPARISON_FAILED/],
    ['wrong-nonce', /OAUTH_JWT_CLAIM_COMPARISON_FAILED/],
    ['expired-id-token', /OAUTH_JWT_TIMESTAMP_CHECK_FAILED|exp/],
    ['bad-signature', /signature|invalid response/i],
    ['unknown-kid', /kid|key/i],
    ['token-error', /status code|server_error/],
    ['userinfo-error', /status code|server_error/],
    ['sub-mismatch', /sub|OAUTH_JSON_ATTRIBUTE_COMPARISON_FAILED/],
  ];
  for (const [fault, message] of faults) {
    it(`fails the login when the ${fault} fault is injected`, async () => {
      await setFaults(MYINFO_CLIENT_ID, [fault]);
      try {
        const failure = await login(MYINFO_CLIENT_ID, 'openid name').then(
          () => undefined,
          (error: unknown) => error,
        );
        expect(failure).toBeInstanceOf(Error);
        const text = `${(failure as Error).message} ${JSON.stringify((failure as { cause?: unknown }).cause ?? '')} ${(failure as { error?: string }).error ?? ''}`;
        expect(text).toMatch(message);
      } finally {
        await setFaults(MYINFO_CLIENT_ID, []);
      }
    });
  }
});
