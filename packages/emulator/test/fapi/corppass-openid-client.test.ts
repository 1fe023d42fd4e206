/**
 * openid-client 6 against the Corppass FAPI 2.0 emulator listening on 127.0.0.1: discovery at
 * `<issuer>/.well-known/openid-configuration`, private_key_jwt with `kid`, a per-login DPoP key, PAR to
 * `/request`, the auto-approved authorize redirect, the code grant with an encrypted ID token (entity
 * `sub`, `act`), and encrypted userinfo (`auth_info`). Then `wrong-iss` and `server-error` make it fail.
 */
import type { FastifyInstance } from 'fastify';
import * as client from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../../../scripts/lib/processes.mjs';
import { createEmulatorApp, type FaultName } from '../../src/index';
import { ALL_SCOPES, CP_CLIENT_ID, CP_REDIRECT_URI, corppassConfig } from './corppass-fixtures';
import { type ClientKeys, createClientKeys } from './fapi-fixtures';

let keys: ClientKeys;
let app: FastifyInstance;
let issuer: string;

beforeAll(async () => {
  keys = await createClientKeys();
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  app = await createEmulatorApp(corppassConfig(keys, {}, origin));
  await app.listen({ port, host: '127.0.0.1' });
  issuer = `${origin}/corppass`;
});
afterAll(async () => {
  await app.close();
});

async function login() {
  const config = await client.discovery(
    new URL(issuer),
    CP_CLIENT_ID,
    { id_token_signed_response_alg: 'ES256', userinfo_signed_response_alg: 'ES256' },
    client.PrivateKeyJwt({ key: keys.signing.privateKey, kid: keys.signing.kid }),
    { execute: [client.allowInsecureRequests] },
  );
  client.enableNonRepudiationChecks(config);
  client.enableDecryptingResponses(config, ['A256GCM', 'A256CBC-HS512'], {
    key: keys.encryption.privateKey,
    alg: 'ECDH-ES+A256KW',
    kid: keys.encryption.kid,
  });
  const dpop = client.getDPoPHandle(config, await client.randomDPoPKeyPair('ES256'));
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const authorizationUrl = await client.buildAuthorizationUrlWithPAR(
    config,
    {
      redirect_uri: CP_REDIRECT_URI,
      scope: ALL_SCOPES,
      state,
      nonce,
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      authentication_context_type: 'APP_AUTHENTICATION_DEFAULT',
    },
    { DPoP: dpop },
  );
  expect(authorizationUrl.pathname).toBe('/corppass/mga/sps/oauth/oauth20/authorize');
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
  return { tokens, claims, userinfo };
}

async function setFaults(faults: FaultName[]): Promise<void> {
  const response = await app.inject({
    method: 'PUT',
    url: `/debug/clients/${CP_CLIENT_ID}/faults`,
    payload: { faults },
  });
  expect(response.statusCode).toBe(200);
}

describe('openid-client 6 against the Corppass emulator', () => {
  it('completes a Corppass login and reads act, sub_attributes and auth_info', async () => {
    const { tokens, claims, userinfo } = await login();
    expect(tokens.token_type.toLowerCase()).toBe('dpop');
    expect(tokens.scope).toBe(ALL_SCOPES);
    expect(tokens.expiresIn()).toBeUndefined();
    expect(claims.iss).toBe(issuer);
    expect(claims.sub).toBe('201912345K');
    expect(claims.sub_type).toBe('entity');
    expect(claims.sub_attributes).toMatchObject({ entity_type: 'UEN', entity_reg_number: '201912345K' });
    expect(claims.act).toMatchObject({
      sub_type: 'user',
      sub_attributes: { identity_number: 'S9812381D', name: 'TAN HENG HUAT' },
    });
    expect(userinfo.sub).toBe('201912345K');
    expect(userinfo.auth_info).toMatchObject({
      Result_Set: { ESrvc_Result: [{ CPESrvcID: 'EMU-ESVC-CUSTOMS' }, { CPESrvcID: 'EMU-ESVC-GRANTS' }] },
    });
    expect(userinfo.tp_auth_info).toMatchObject({ Result_Set: { ESrvc_Row_Count: 1 } });
  });

  const faults: Array<[FaultName, RegExp]> = [
    ['wrong-iss', /OAUTH_JWT_CLAIM_COMPARISON_FAILED/],
    ['server-error', /server_error/],
  ];
  for (const [fault, message] of faults) {
    it(`fails the login when the ${fault} fault is injected`, async () => {
      await setFaults([fault]);
      try {
        const failure = await login().then(
          () => undefined,
          (error: unknown) => error,
        );
        expect(failure).toBeInstanceOf(Error);
        const text = `${(failure as Error).message} ${JSON.stringify((failure as { cause?: unknown }).cause ?? '')} ${(failure as { error?: string }).error ?? ''}`;
        expect(text).toMatch(message);
      } finally {
        await setFaults([]);
      }
    });
  }
});
