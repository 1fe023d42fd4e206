import { createPublicKey } from 'node:crypto';
import { decodeProtectedHeader, jwtVerify } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FaultName } from '../faults';
import { type IdTokenInput, signIdToken } from './sign-id-token';
import { createEphemeralSecrets, type SigningKey } from './signing-key';

let key: SigningKey;
beforeAll(async () => {
  key = (await createEphemeralSecrets()).signingKey;
});

const now = Math.floor(Date.now() / 1000);
function input(faults: FaultName[] = [], nonce: string | null = 'nonce-1'): IdTokenInput {
  return {
    issuer: 'http://127.0.0.1:5156/v2',
    sub: 'sub-1',
    clientId: 'client-a',
    nonce: nonce ?? undefined,
    now,
    ttlSeconds: 300,
    faults: new Set(faults),
  };
}

async function verify(jwt: string) {
  return jwtVerify(jwt, createPublicKey(key.privateKey), { algorithms: ['RS256'] });
}

describe('signIdToken', () => {
  it('signs RS256 with the kid and exactly the sgID claims', async () => {
    const jwt = await signIdToken(key, input());
    const { payload, protectedHeader } = await verify(jwt);
    expect(protectedHeader).toEqual({ alg: 'RS256', kid: key.kid, typ: 'JWT' });
    expect(payload).toEqual({
      iss: 'http://127.0.0.1:5156/v2',
      sub: 'sub-1',
      aud: 'client-a',
      iat: now,
      exp: now + 300,
      nonce: 'nonce-1',
    });
  });
  it('omits nonce when the request had none', async () => {
    const { payload } = await verify(await signIdToken(key, input([], null)));
    expect(payload).not.toHaveProperty('nonce');
  });
  it('expired-id-token puts exp in the past', async () => {
    const jwt = await signIdToken(key, input(['expired-id-token']));
    const claims = JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString());
    expect(claims.exp).toBeLessThan(now);
    await expect(verify(jwt)).rejects.toThrow(/exp/);
  });
  it('wrong-nonce, wrong-aud and wrong-iss change exactly that claim', async () => {
    const nonce = (await verify(await signIdToken(key, input(['wrong-nonce'])))).payload.nonce;
    expect(nonce).toBeTypeOf('string');
    expect(nonce).not.toBe('nonce-1');
    expect((await verify(await signIdToken(key, input(['wrong-aud'])))).payload.aud).not.toBe('client-a');
    expect((await verify(await signIdToken(key, input(['wrong-iss'])))).payload.iss).not.toBe(
      'http://127.0.0.1:5156/v2',
    );
  });
  it('bad-signature keeps the shape but fails verification', async () => {
    const jwt = await signIdToken(key, input(['bad-signature']));
    expect(jwt.split('.')).toHaveLength(3);
    await expect(verify(jwt)).rejects.toThrow(/signature/);
  });
  it('unknown-kid names a kid that is not the published one', async () => {
    const jwt = await signIdToken(key, input(['unknown-kid']));
    expect(decodeProtectedHeader(jwt).kid).not.toBe(key.kid);
  });
});
