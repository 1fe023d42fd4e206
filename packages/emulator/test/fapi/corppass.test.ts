/**
 * The Corppass FAPI 2.0 provider's own rules (SINGPASS-CORPPASS-FAPI.md §2, §4.1, §4.8–§4.10, §5, §8):
 * its issuer and endpoint names, the context-type allow-list, the token answer's `scope` and 600 s access
 * token, the entity ID token with `act`, userinfo by GET or POST with `auth_info`/`tp_auth_info`, the
 * "acting for" choice in the simulated app, auto-approve with a chosen entity, and each Corppass fault.
 * The checks shared with Singpass (assertion, DPoP, PKCE, codes) are proved by the Singpass tests.
 */
import type { FastifyInstance } from 'fastify';
import { decodeJwt, decodeProtectedHeader, type JWTPayload } from 'jose';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FaultName } from '../../src/index';
import {
  ALL_SCOPES,
  CP_CLIENT_ID,
  CP_ISSUER,
  CP_PATHS,
  CP_PLAIN_CLIENT_ID,
  CP_REDIRECT_URI,
  cpAuthorize,
  cpParParams,
  cpSignIn,
  cpToken,
  cpUrl,
  createCorppassEmulator,
} from './corppass-fixtures';
import {
  type ClientKeys,
  createClientKeys,
  createDpopKey,
  createPkce,
  type DpopKey,
  makeAssertion,
  openNested,
  postForm,
} from './fapi-fixtures';

let keys: ClientKeys;
const apps: FastifyInstance[] = [];
beforeAll(async () => {
  keys = await createClientKeys();
});
afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.close()));
});

async function emulator(overrides: Parameters<typeof createCorppassEmulator>[1] = {}) {
  const app = await createCorppassEmulator(keys, overrides);
  apps.push(app);
  return app;
}

async function setFaults(app: FastifyInstance, faults: FaultName[]): Promise<void> {
  const response = await app.inject({
    method: 'PUT',
    url: `/debug/clients/${CP_CLIENT_ID}/faults`,
    payload: { faults },
  });
  expect(response.statusCode).toBe(200);
}

async function idTokenOf(token: { json(): unknown }): Promise<JWTPayload> {
  const { id_token } = token.json() as { id_token: string };
  return (await openNested(id_token, keys)).claims;
}

async function userinfo(
  app: FastifyInstance,
  accessToken: string,
  dpop: DpopKey,
  method: 'GET' | 'POST' = 'GET',
) {
  return app.inject({
    method,
    url: CP_PATHS.userinfo,
    headers: {
      authorization: `DPoP ${accessToken}`,
      dpop: await dpop.proof(method, cpUrl(CP_PATHS.userinfo), { accessToken }),
      ...(method === 'POST' ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
    },
    ...(method === 'POST' ? { payload: '' } : {}),
  });
}

async function signInWithUserinfo(app: FastifyInstance, overrides: Record<string, string | undefined> = {}) {
  const { dpop, token } = await cpSignIn(app, keys, overrides);
  expect(token.statusCode, token.body).toBe(200);
  const { access_token } = token.json() as { access_token: string };
  const answer = await userinfo(app, access_token, dpop);
  expect(answer.statusCode, answer.body).toBe(200);
  return { idToken: await idTokenOf(token), info: (await openNested(answer.body, keys)).claims };
}

describe('Corppass discovery and keys', () => {
  it('serves its own issuer with Corppass endpoint names, and its JWKS as application/jwk-set+json', async () => {
    const app = await emulator();
    const discovery = (await app.inject({ url: CP_PATHS.discovery })).json() as Record<string, unknown>;
    expect(discovery.issuer).toBe(CP_ISSUER);
    expect(discovery.pushed_authorization_request_endpoint).toBe(`${CP_ISSUER}/request`);
    expect(discovery.authorization_endpoint).toBe(`${CP_ISSUER}/mga/sps/oauth/oauth20/authorize`);
    expect(discovery.token_endpoint).toBe(`${CP_ISSUER}/mga/sps/oauth/oauth20/token`);
    expect(discovery.userinfo_endpoint).toBe(`${CP_ISSUER}/userinfo`);
    expect(discovery.jwks_uri).toBe(`${CP_ISSUER}/.well-known/keys`);
    expect(discovery.scopes_supported).toContain('authinfo');
    const jwks = await app.inject({ url: CP_PATHS.jwks });
    expect(jwks.headers['content-type']).toContain('application/jwk-set+json');
    const singpassKeys = (await app.inject({ url: '/singpass/v3/fapi/.well-known/keys' })).json();
    expect((jwks.json() as { keys: Array<{ kid: string }> }).keys[0]?.kid).not.toBe(
      (singpassKeys as { keys: Array<{ kid: string }> }).keys[0]?.kid,
    );
  });
});

describe('Corppass PAR: the context-type allow-list', () => {
  async function par(overrides: Record<string, string | undefined>) {
    const app = await emulator();
    const dpop = await createDpopKey();
    return postForm(
      app,
      CP_PATHS.par,
      await cpParParams(keys, createPkce().challenge, overrides),
      await dpop.proof('POST', cpUrl(CP_PATHS.par)),
    );
  }
  it('requires APP_AUTHENTICATION_DEFAULT from an allow-listed Login app, and only that value', async () => {
    expect((await par({})).statusCode).toBe(201);
    const missing = await par({ authentication_context_type: undefined });
    expect(missing.statusCode).toBe(400);
    expect(missing.json()).toMatchObject({ error: 'invalid_request' });
    const other = await par({ authentication_context_type: 'APP_PAYMENT_DEFAULT' });
    expect(other.json()).toMatchObject({ error: 'invalid_request' });
    const badMessage = await par({ authentication_context_message: 'Pay $5 now' });
    expect(badMessage.json()).toMatchObject({ error: 'invalid_request' });
    expect((await par({ authentication_context_message: 'Log in to file GST' })).statusCode).toBe(201);
  });
  it('refuses a context type from an app that is not allow-listed, and accepts its absence', async () => {
    const plain = { client_id: CP_PLAIN_CLIENT_ID, scope: 'openid authinfo' };
    expect((await par({ ...plain, authentication_context_type: undefined })).statusCode).toBe(201);
    const refused = await par(plain);
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ error: 'invalid_request' });
  });
  it('refuses a scope the client did not register, and a Singpass-issuer assertion', async () => {
    const scope = await par({
      client_id: CP_PLAIN_CLIENT_ID,
      scope: 'openid user.name',
      authentication_context_type: undefined,
    });
    expect(scope.json()).toMatchObject({ error: 'invalid_scope' });
    const app = await emulator();
    const dpop = await createDpopKey();
    const params = await cpParParams(keys, createPkce().challenge);
    const wrongAud = await postForm(
      app,
      CP_PATHS.par,
      { ...params, client_assertion: await makeAssertion(keys, { clientId: CP_CLIENT_ID }) },
      await dpop.proof('POST', cpUrl(CP_PATHS.par)),
    );
    expect(wrongAud.statusCode).toBe(401);
  });
});

describe('Corppass token', () => {
  it('echoes the granted scope and issues a 600 s DPoP-bound access token with the entity as sub', async () => {
    const app = await emulator();
    const { token, location } = await cpSignIn(app, keys);
    expect(location.searchParams.get('iss')).toBe(CP_ISSUER);
    expect(token.statusCode, token.body).toBe(200);
    const body = token.json() as { access_token: string; token_type: string; scope: string };
    expect(body.token_type).toBe('DPoP');
    expect(body.scope).toBe(ALL_SCOPES);
    const access = decodeJwt(body.access_token);
    expect((access.exp ?? 0) - (access.iat ?? 0)).toBe(600);
    expect(access.iss).toBe(CP_ISSUER);
    expect(access.sub).toBe('201912345K');
  });

  it('issues an encrypted ID token: entity sub, sub_attributes and act per scope', async () => {
    const app = await emulator();
    const { token } = await cpSignIn(app, keys);
    const { id_token } = token.json() as { id_token: string };
    expect(decodeProtectedHeader(id_token)).toMatchObject({ enc: 'A256CBC-HS512', cty: 'JWT', kid: 'enc-1' });
    const claims = await idTokenOf(token);
    expect(claims).toMatchObject({
      iss: CP_ISSUER,
      aud: CP_CLIENT_ID,
      sub: '201912345K',
      sub_type: 'entity',
      sub_attributes: {
        entity_type: 'UEN',
        entity_reg_number: '201912345K',
        entity_coi: 'SG',
        entity_name: 'HARBOURFRONT LOGISTICS PTE. LTD.',
        entity_uen_status: 'R',
      },
      act: {
        sub_type: 'user',
        sub_attributes: {
          account_type: 'standard',
          identity_number: 'S9812381D',
          identity_coi: 'SG',
          name: 'TAN HENG HUAT',
          corppass_email: 'hh.tan@harbourfront.example',
          corppass_email_verified: true,
        },
      },
      acr: 'urn:singpass:authentication:loa:2',
      amr: ['pwd', 'otp-sms'],
    });
    expect((claims.act as { sub: string }).sub).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4/);
    expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(600);
  });

  it('leaves out what was not scoped: no sub_attributes, an act without sub_attributes', async () => {
    const app = await emulator();
    const { token } = await cpSignIn(app, keys, { scope: 'openid authinfo' });
    const claims = await idTokenOf(token);
    expect(claims.sub_attributes).toBeUndefined();
    expect(Object.keys(claims.act as object).sort()).toEqual(['sub', 'sub_type']);
  });

  it('auto-approves for autoApproveEntity, and a non-UEN entity has a Corppass id and no UEN status', async () => {
    const second = await emulator({ autoApproveEntity: '53312345D' });
    expect((await idTokenOf((await cpSignIn(second, keys)).token)).sub).toBe('53312345D');
    const nonUen = await emulator({ autoApprove: 'G7654321L' });
    const claims = await idTokenOf((await cpSignIn(nonUen, keys)).token);
    expect(claims.sub).toBe('CP00000018X');
    expect(claims.sub_attributes).toEqual({
      entity_type: 'NON-UEN',
      entity_reg_number: 'HK-2468013',
      entity_coi: 'HK',
      entity_name: 'PEARL RIVER TRADING LIMITED',
    });
  });

  it('answers access_denied when the auto-approve user cannot act for any entity', async () => {
    const app = await emulator({ autoApprove: 'S5012345F' });
    const { answer } = await cpAuthorize(app, keys, await createDpopKey());
    const location = new URL(String(answer.headers.location));
    expect(location.searchParams.get('error')).toBe('access_denied');
    expect(location.searchParams.get('state')).toBe('state-0123456789abcdefghijklmnopqrstuvwxyz');
  });
});

describe('Corppass userinfo', () => {
  it('answers GET and form POST with a typ JWE (no cty) holding auth_info and tp_auth_info', async () => {
    const app = await emulator();
    const { dpop, token } = await cpSignIn(app, keys);
    const { access_token } = token.json() as { access_token: string };
    for (const method of ['GET', 'POST'] as const) {
      const answer = await userinfo(app, access_token, dpop, method);
      expect(answer.statusCode, answer.body).toBe(200);
      expect(answer.headers['content-type']).toContain('application/jwt');
      const header = decodeProtectedHeader(answer.body);
      expect(header).toMatchObject({ typ: 'JWE', enc: 'A256GCM', kid: 'enc-1' });
      expect(header.cty).toBeUndefined();
    }
    const info = (await openNested((await userinfo(app, access_token, dpop)).body, keys)).claims;
    expect(info).toMatchObject({ sub: '201912345K', aud: CP_CLIENT_ID, iss: CP_ISSUER });
    expect(info.auth_info).toEqual({
      Result_Set: {
        ESrvc_Row_Count: 2,
        ESrvc_Result: [
          {
            CPESrvcID: 'EMU-ESVC-CUSTOMS',
            Auth_Result_Set: {
              Row_Count: 1,
              Row: [
                {
                  CPEntID_SUB: '201912345K',
                  CPRole: 'Approver',
                  StartDate: '2020-01-01',
                  EndDate: '9999-12-31',
                  Parameter: [{ name: 'ApprovalLimit', value: '100000' }],
                },
              ],
            },
          },
          {
            CPESrvcID: 'EMU-ESVC-GRANTS',
            Auth_Result_Set: {
              Row_Count: 1,
              Row: [
                {
                  CPEntID_SUB: '201912345K',
                  CPRole: 'Preparer',
                  StartDate: '2023-04-01',
                  EndDate: '2030-12-31',
                  Parameter: [],
                },
              ],
            },
          },
        ],
      },
    });
    expect(info.tp_auth_info).toMatchObject({
      Result_Set: {
        ESrvc_Row_Count: 1,
        ESrvc_Result: [
          {
            CPESrvcID: 'EMU-ESVC-CUSTOMS',
            Auth_Result_Set: {
              Row: [{ CP_Clnt_ID: '201812345M', CP_ClntEnt_TYPE: 'UEN', CPRole: 'Preparer' }],
            },
          },
        ],
      },
    });
  });

  it('refuses a POST proof at GET (htm), and sends auth_info only for authinfo', async () => {
    const app = await emulator();
    const { dpop, token } = await cpSignIn(app, keys, { scope: 'openid authinfo' });
    const { access_token } = token.json() as { access_token: string };
    const wrongHtm = await app.inject({
      method: 'GET',
      url: CP_PATHS.userinfo,
      headers: {
        authorization: `DPoP ${access_token}`,
        dpop: await dpop.proof('POST', cpUrl(CP_PATHS.userinfo), { accessToken: access_token }),
      },
    });
    expect(wrongHtm.statusCode).toBe(401);
    const info = (await openNested((await userinfo(app, access_token, dpop)).body, keys)).claims;
    expect(info.auth_info).toBeDefined();
    expect(info.tp_auth_info).toBeUndefined();
  });

  it('shows an expired authorisation as it is (EndDate in the past)', async () => {
    const app = await emulator({ autoApprove: 'S8234567A' });
    const { info } = await signInWithUserinfo(app);
    const rows = (
      info.auth_info as {
        Result_Set: { ESrvc_Result: Array<{ Auth_Result_Set: { Row: Array<{ EndDate: string }> } }> };
      }
    ).Result_Set.ESrvc_Result.flatMap((r) => r.Auth_Result_Set.Row);
    expect(rows.map((row) => row.EndDate)).toEqual(['9999-12-31', '2022-03-31']);
  });
});

describe('Corppass faults', () => {
  it('authinfo-expired ends every authorisation yesterday', async () => {
    const app = await emulator();
    await setFaults(app, ['authinfo-expired']);
    const { info } = await signInWithUserinfo(app);
    const today = new Date().toISOString().slice(0, 10);
    const text = JSON.stringify([info.auth_info, info.tp_auth_info]);
    const ends = [...text.matchAll(/"EndDate":"([0-9-]+)"/g)].map((match) => match[1] ?? '');
    expect(ends.length).toBe(3);
    for (const end of ends) expect(end < today).toBe(true);
  });

  it('double-encoded sends auth_info, tp_auth_info and act as JSON strings', async () => {
    const app = await emulator();
    await setFaults(app, ['double-encoded']);
    const { idToken, info } = await signInWithUserinfo(app);
    expect(typeof idToken.act).toBe('string');
    expect(JSON.parse(idToken.act as string)).toMatchObject({ sub_type: 'user' });
    expect(typeof info.auth_info).toBe('string');
    expect(JSON.parse(info.auth_info as string)).toHaveProperty('Result_Set.ESrvc_Row_Count', 2);
    expect(typeof info.tp_auth_info).toBe('string');
  });

  it('missing-act leaves act out of the ID token', async () => {
    const app = await emulator();
    await setFaults(app, ['missing-act']);
    const { token } = await cpSignIn(app, keys);
    const claims = await idTokenOf(token);
    expect(claims.act).toBeUndefined();
    expect(claims.sub).toBe('201912345K');
  });

  it('wrong-iss names another issuer; server-error redirects back with the state', async () => {
    const app = await emulator();
    await setFaults(app, ['wrong-iss']);
    expect((await idTokenOf((await cpSignIn(app, keys)).token)).iss).toBe(
      'https://attacker.example/corppass',
    );
    await setFaults(app, ['server-error']);
    const { answer } = await cpAuthorize(app, keys, await createDpopKey());
    const location = new URL(String(answer.headers.location));
    expect(`${location.origin}${location.pathname}`).toBe(CP_REDIRECT_URI);
    expect(location.searchParams.get('error')).toBe('server_error');
    expect(location.searchParams.get('iss')).toBe(CP_ISSUER);
  });
});

describe('Corppass in the simulated app: acting for', () => {
  it('asks a user with two entities whom they act for, and issues the code for that entity', async () => {
    const app = await emulator({ autoApprove: undefined });
    const dpop = await createDpopKey();
    const { answer, pkce } = await cpAuthorize(app, keys, dpop);
    expect(answer.statusCode).toBe(200);
    const path = /\/app\/requests\/[A-Za-z0-9_-]+/.exec(answer.body)?.[0] ?? '';
    const picker = (await app.inject({ url: path })).body;
    expect(picker).toContain('id="persona-S9812381D"');
    // Only people who can act for an entity are offered.
    expect(picker).not.toContain('id="persona-S5012345F"');
    const form = (payload: string) => ({
      method: 'POST' as const,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload,
    });
    const nobody = await app.inject({ url: `${path}/persona`, ...form('nric=S5012345F') });
    expect(nobody.statusCode).toBe(400);
    expect(nobody.body).toContain('cannot act for any entity');
    expect((await app.inject({ url: `${path}/persona`, ...form('nric=S9812381D') })).statusCode).toBe(303);
    const choice = (await app.inject({ url: path })).body;
    expect(choice).toContain('Who are you acting for?');
    expect(choice).toContain('id="entity-201912345K"');
    expect(choice).toContain('id="entity-53312345D"');
    // Approving before choosing changes nothing.
    await app.inject({ url: `${path}/approve`, ...form('') });
    expect((await app.inject({ url: path })).body).toContain('Who are you acting for?');
    expect((await app.inject({ url: `${path}/entity`, ...form('entity=201812345M') })).statusCode).toBe(400);
    expect((await app.inject({ url: `${path}/entity`, ...form('entity=53312345D') })).statusCode).toBe(303);
    const consent = (await app.inject({ url: path })).body;
    expect(consent).toContain('id="acting-for"');
    expect(consent).toContain('TAN HENG HUAT CONSULTANCY');
    await app.inject({ url: `${path}/approve`, ...form('') });
    const status = (await app.inject({ url: `${path}/status` })).json() as { redirect: string };
    const code = new URL(status.redirect).searchParams.get('code') ?? '';
    const token = await cpToken(app, keys, dpop, code, pkce.verifier);
    expect(token.statusCode, token.body).toBe(200);
    expect((await idTokenOf(token)).sub).toBe('53312345D');
  });

  it('does not ask a user with one entity', async () => {
    const app = await emulator({ autoApprove: undefined });
    const { answer } = await cpAuthorize(app, keys, await createDpopKey());
    const path = /\/app\/requests\/[A-Za-z0-9_-]+/.exec(answer.body)?.[0] ?? '';
    await app.inject({
      method: 'POST',
      url: `${path}/persona`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'nric=S7654321F',
    });
    const consent = (await app.inject({ url: path })).body;
    expect(consent).toContain('id="acting-for"');
    expect(consent).toContain('HARBOURFRONT LOGISTICS PTE. LTD.');
    expect(consent).toContain('id="approve"');
  });
});
