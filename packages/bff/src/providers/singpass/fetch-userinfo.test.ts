import { createHash, randomUUID } from 'node:crypto';
import { decodeJwt, type JWTPayload } from 'jose';
import { describe, expect, it } from 'vitest';
import {
  createFakeSingpass,
  encryptTo,
  makeClientJwks,
  makeEcJwk,
  signAsOp,
  TEST_CLIENT_ID,
  TEST_ISSUER,
} from '../../../test/support/singpass-fixtures';
import { readClientKeys } from '../fapi/client-keys';
import { createDiscovery } from '../fapi/discovery';
import { generateDpopKey, readDpopKey } from '../fapi/dpop';
import { createOpKeys } from '../fapi/op-keys';
import { fetchUserinfo } from './fetch-userinfo';

const jwks = makeClientJwks();
const keys = readClientKeys(jwks);
const encKey = jwks[3];
if (!encKey) throw new Error('fixture');
const dpopKey = readDpopKey(generateDpopKey());
if (!dpopKey) throw new Error('no key');
const sub = randomUUID();
const person_info = { name: { value: 'TAN XIAO HUI', source: '1', lastupdated: '2024-03-01' } };

const claims = (extra: JWTPayload = {}): JWTPayload => ({
  iss: TEST_ISSUER,
  aud: TEST_CLIENT_ID,
  sub,
  iat: Math.floor(Date.now() / 1000),
  person_info,
  ...extra,
});

const jwt =
  (body: string, status = 200) =>
  () =>
    new Response(body, { status, headers: { 'content-type': 'application/jwt' } });

function run(answer: () => Response) {
  const op = createFakeSingpass({ '/fapi/userinfo': answer });
  const discovery = createDiscovery({
    issuer: TEST_ISSUER,
    timeoutMs: 1000,
    fetch: op.fetch,
    clock: Date.now,
  });
  const promise = fetchUserinfo(op.fetch, {
    endpoint: `${TEST_ISSUER}/userinfo`,
    accessToken: 'opaque-access-token',
    dpopKey: dpopKey as NonNullable<typeof dpopKey>,
    dpopNonces: new Map(),
    encryptionKeys: keys.encryption,
    opKeys: createOpKeys({ discovery, fetch: op.fetch, timeoutMs: 1000 }),
    issuer: TEST_ISSUER,
    clientId: TEST_CLIENT_ID,
    expectedSub: sub,
    clock: Date.now,
    timeoutMs: 1000,
  });
  return { op, promise };
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'accepted';
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
}

const encrypted = async (extra: JWTPayload = {}) =>
  encryptTo(await signAsOp(claims(extra)), encKey, { enc: 'A256GCM' });

describe('Myinfo userinfo', () => {
  it('GETs with the DPoP access token and an ath proof, and parses person_info', async () => {
    const { op, promise } = run(jwt(await encrypted()));
    await expect(promise).resolves.toEqual({
      name: { available: true, value: 'TAN XIAO HUI', source: '1', lastUpdated: '2024-03-01' },
      other: {},
    });
    const request = op.requests.find((r) => r.url.endsWith('/userinfo'));
    expect(request?.method).toBe('GET');
    expect(request?.headers.get('authorization')).toBe('DPoP opaque-access-token');
    expect(decodeJwt(request?.headers.get('dpop') ?? '')).toMatchObject({
      htm: 'GET',
      htu: `${TEST_ISSUER}/userinfo`,
      ath: createHash('sha256').update('opaque-access-token').digest('base64url'),
    });
  });

  it('fails the login on a sub that is not the ID token one', async () => {
    expect(await codeOf(run(jwt(await encrypted({ sub: randomUUID() }))).promise)).toBe(
      'BFF_USERINFO_SUB_MISMATCH',
    );
  });

  it('checks iss, aud, the signature and person_info', async () => {
    for (const extra of [
      { iss: `${TEST_ISSUER}/` },
      { aud: 'other' },
      { person_info: undefined },
      { person_info: { name: { value: 1 } } },
    ])
      expect(await codeOf(run(jwt(await encrypted(extra))).promise), JSON.stringify(extra)).toBe(
        'BFF_USERINFO_INVALID',
      );
    const forged = await encryptTo(
      await signAsOp(claims(), { key: makeEcJwk('op-sig-1', 'sig', 'ES256') }),
      encKey,
    );
    expect(await codeOf(run(jwt(forged)).promise)).toBe('BFF_USERINFO_INVALID');
  });

  it('accepts only an application/jwt JWE within the allowlist', async () => {
    expect(await codeOf(run(jwt(await signAsOp(claims()))).promise)).toBe('BFF_USERINFO_INVALID');
    const wrongEnc = await encryptTo(await signAsOp(claims()), encKey, { enc: 'A128GCM' });
    expect(await codeOf(run(jwt(wrongEnc)).promise)).toBe('BFF_JWE_ALG_REJECTED');
    const notOurs = await encryptTo(await signAsOp(claims()), makeEcJwk('enc-2025', 'enc'));
    expect(await codeOf(run(jwt(notOurs)).promise)).toBe('BFF_USERINFO_DECRYPT_FAILED');
    const asJson = await encrypted();
    expect(await codeOf(run(() => Response.json({ jwt: asJson })).promise)).toBe('BFF_USERINFO_INVALID');
  });

  it('maps an error answer to BFF_PROVIDER_ERROR', async () => {
    const refused = () =>
      new Response(null, { status: 401, headers: { 'www-authenticate': 'DPoP error="invalid_token"' } });
    await expect(run(refused).promise).rejects.toMatchObject({
      code: 'BFF_PROVIDER_ERROR',
      detail: 'FAPI userinfo endpoint answered 401 invalid_token',
    });
  });
});
