import { decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import {
  createFakeSingpass,
  makeClientJwks,
  TEST_CLIENT_ID,
  TEST_ISSUER,
} from '../../../test/support/singpass-fixtures';
import { readClientKeys } from './client-keys';
import { generateDpopKey, readDpopKey } from './dpop';
import { exchangeCode } from './exchange-code';

const keys = readClientKeys(makeClientJwks());
const dpopKey = readDpopKey(generateDpopKey());
if (!dpopKey) throw new Error('no key');

const exchange = (fetch: typeof globalThis.fetch) =>
  exchangeCode(fetch, {
    endpoint: `${TEST_ISSUER}/token`,
    issuer: TEST_ISSUER,
    clientId: TEST_CLIENT_ID,
    redirectUri: 'https://app.example.sg/auth/callback/singpass',
    code: 'the-code',
    codeVerifier: 'verifier-0123456789-0123456789-0123456789a',
    signingKey: keys.signing,
    dpopKey: dpopKey as NonNullable<typeof dpopKey>,
    dpopNonces: new Map(),
    clock: () => Date.UTC(2026, 5, 1),
    timeoutMs: 1000,
  });

describe('token request', () => {
  it('sends the grant with a fresh assertion and a DPoP proof, and takes a DPoP token', async () => {
    const op = createFakeSingpass({
      '/fapi/token': () => Response.json({ access_token: 'at', id_token: 'a.b.c.d.e', token_type: 'dpop' }),
    });
    await expect(exchange(op.fetch)).resolves.toEqual({ accessToken: 'at', idToken: 'a.b.c.d.e' });
    const form = Object.fromEntries(new URLSearchParams(op.requests[0]?.body));
    expect(form).toMatchObject({
      grant_type: 'authorization_code',
      code: 'the-code',
      redirect_uri: 'https://app.example.sg/auth/callback/singpass',
      code_verifier: 'verifier-0123456789-0123456789-0123456789a',
      client_id: TEST_CLIENT_ID,
    });
    expect(decodeJwt(form.client_assertion ?? '')).toMatchObject({ aud: TEST_ISSUER, sub: TEST_CLIENT_ID });
    expect(decodeJwt(op.requests[0]?.headers.get('dpop') ?? '')).toMatchObject({
      htm: 'POST',
      htu: `${TEST_ISSUER}/token`,
    });
  });

  it('refuses a Bearer token, a missing token and an error answer', async () => {
    for (const body of [
      { access_token: 'at', id_token: 'x', token_type: 'Bearer' },
      { access_token: 'at', token_type: 'DPoP' },
      { access_token: 'at', id_token: 'x' },
    ]) {
      const op = createFakeSingpass({ '/fapi/token': () => Response.json(body) });
      await expect(exchange(op.fetch)).rejects.toMatchObject({ code: 'BFF_PROVIDER_ERROR' });
    }
    const op = createFakeSingpass({
      '/fapi/token': () => Response.json({ error: 'invalid_grant' }, { status: 400 }),
    });
    await expect(exchange(op.fetch)).rejects.toMatchObject({
      code: 'BFF_PROVIDER_ERROR',
      detail: 'FAPI token endpoint answered 400 invalid_grant',
    });
  });
});
