/** Fault injection through the run-time debug API: every fault has its promised effect. */

import type { FastifyInstance } from 'fastify';
import {
  compactDecrypt,
  createLocalJWKSet,
  decodeJwt,
  decodeProtectedHeader,
  type JSONWebKeySet,
  jwtVerify,
} from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createEmulatorApp, type FaultName } from '../src/index';
import { authorizeCode, getUserinfo, logIn, postToken } from './flow';
import { CLIENT_ID, CLIENT_PRIVATE_KEY_OBJECT, createTestConfig } from './helpers';

let app: FastifyInstance;
let jwks: JSONWebKeySet;
beforeAll(async () => {
  app = await createEmulatorApp(createTestConfig(undefined, { autoApprove: 'S9812381D', faultDelayMs: 200 }));
  jwks = (await app.inject({ url: '/v2/.well-known/jwks.json' })).json();
});
afterAll(() => app.close());
beforeEach(() => setFaults([]));

async function setFaults(faults: FaultName[] | string[]) {
  return app.inject({ method: 'PUT', url: `/debug/clients/${CLIENT_ID}/faults`, payload: { faults } });
}

describe('fault API', () => {
  it('sets, reads and clears faults', async () => {
    expect((await setFaults(['wrong-aud'])).json()).toEqual({ faults: ['wrong-aud'] });
    expect((await app.inject({ url: `/debug/clients/${CLIENT_ID}/faults` })).json()).toEqual({
      faults: ['wrong-aud'],
    });
    expect((await setFaults([])).json()).toEqual({ faults: [] });
  });
  it('refuses unknown fault names and unknown clients', async () => {
    const response = await setFaults(['nope']);
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('EMU_UNKNOWN_FAULT');
    const missing = await app.inject({
      method: 'PUT',
      url: '/debug/clients/nobody/faults',
      payload: { faults: [] },
    });
    expect(missing.statusCode).toBe(404);
  });
  it('applies faults from the config', async () => {
    const config = createTestConfig(undefined, { autoApprove: 'S9812381D' });
    const first = config.clients[0];
    if (first) first.faults = ['token-error'];
    const faulty = await createEmulatorApp(config);
    expect((await postToken(faulty, await authorizeCode(faulty))).statusCode).toBe(500);
    await faulty.close();
  });
});

describe('token faults', () => {
  it('slow-token delays the answer by faultDelayMs', async () => {
    const authorized = await authorizeCode(app);
    await setFaults(['slow-token']);
    const started = performance.now();
    expect((await postToken(app, authorized)).statusCode).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(190);
  });
  it('token-error answers 500 server_error and does not spend the code', async () => {
    const authorized = await authorizeCode(app);
    await setFaults(['token-error']);
    const response = await postToken(app, authorized);
    expect(response.statusCode).toBe(500);
    expect(response.json()).toMatchObject({ error: 'server_error', code: 'EMU_FAULT_INJECTED' });
    await setFaults([]);
    expect((await postToken(app, authorized)).statusCode).toBe(200);
  });
});

describe('ID token faults', () => {
  async function idTokenWith(fault: FaultName) {
    await setFaults([fault]);
    return (await logIn(app, { nonce: 'expected-nonce' })).id_token;
  }
  const verify = (jwt: string) =>
    jwtVerify(jwt, createLocalJWKSet(jwks), { issuer: 'http://127.0.0.1:5156/v2', audience: CLIENT_ID });

  it('expired-id-token', async () => {
    await expect(verify(await idTokenWith('expired-id-token'))).rejects.toThrow(/exp/);
  });
  it('wrong-nonce', async () => {
    expect(decodeJwt(await idTokenWith('wrong-nonce')).nonce).not.toBe('expected-nonce');
  });
  it('wrong-aud', async () => {
    await expect(verify(await idTokenWith('wrong-aud'))).rejects.toThrow(/aud/);
  });
  it('wrong-iss', async () => {
    await expect(verify(await idTokenWith('wrong-iss'))).rejects.toThrow(/iss/);
  });
  it('bad-signature', async () => {
    await expect(verify(await idTokenWith('bad-signature'))).rejects.toThrow(/signature/);
  });
  it('unknown-kid', async () => {
    const jwt = await idTokenWith('unknown-kid');
    expect(jwks.keys.map((k) => k.kid)).not.toContain(decodeProtectedHeader(jwt).kid);
    await expect(verify(jwt)).rejects.toThrow();
  });
});

describe('userinfo faults', () => {
  it('slow-userinfo delays the answer', async () => {
    const { access_token } = await logIn(app);
    await setFaults(['slow-userinfo']);
    const started = performance.now();
    expect((await getUserinfo(app, access_token)).statusCode).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(190);
  });
  it('userinfo-error answers 500 server_error', async () => {
    const { access_token } = await logIn(app);
    await setFaults(['userinfo-error']);
    const response = await getUserinfo(app, access_token);
    expect(response.statusCode).toBe(500);
    expect(response.json().error).toBe('server_error');
  });
  it('sub-mismatch answers another sub than the ID token', async () => {
    const { access_token, id_token } = await logIn(app);
    await setFaults(['sub-mismatch']);
    expect((await getUserinfo(app, access_token)).json().sub).not.toBe(decodeJwt(id_token).sub);
  });
  it('unexpected-jwe-alg uses RSA-OAEP + A128CBC-HS256 and dir + A256GCM', async () => {
    const { access_token } = await logIn(app);
    await setFaults(['unexpected-jwe-alg']);
    const { key, data } = (await getUserinfo(app, access_token)).json();
    expect(decodeProtectedHeader(key)).toEqual({ alg: 'RSA-OAEP', enc: 'A128CBC-HS256' });
    expect(decodeProtectedHeader(data['myinfo.name'])).toEqual({ alg: 'dir', enc: 'A256GCM' });
    await expect(
      compactDecrypt(key, CLIENT_PRIVATE_KEY_OBJECT, { keyManagementAlgorithms: ['RSA-OAEP-256'] }),
    ).rejects.toThrow();
  });
  it('malformed-jwe sends data values that do not decrypt', async () => {
    const { access_token } = await logIn(app);
    await setFaults(['malformed-jwe']);
    const { data } = (await getUserinfo(app, access_token)).json();
    expect(String(data['myinfo.name']).endsWith('.')).toBe(true);
  });
});
