import { createHash } from 'node:crypto';
import { calculateJwkThumbprint, decodeJwt, decodeProtectedHeader, type JWK } from 'jose';
import { describe, expect, it } from 'vitest';
import {
  createFakeSingpass,
  makeClientJwks,
  TEST_CLIENT_ID,
  TEST_ISSUER,
} from '../../../test/support/singpass-fixtures';
import { readClientKeys } from './client-keys';
import { dpopThumbprint, generateDpopKey, readDpopKey } from './dpop';
import { buildAuthorizationUrl, pushAuthorizationRequest } from './push-authorization-request';

const keys = readClientKeys(makeClientJwks());
const dpopKey = readDpopKey(generateDpopKey());
if (!dpopKey) throw new Error('no key');
const secrets = {
  state: 'state-0123456789-0123456789-0123456789abc',
  nonce: 'nonce-0123456789-0123456789-0123456789abc',
  codeVerifier: 'verifier-0123456789-0123456789-0123456789a',
};

/** `null`: no context type (a Singpass Myinfo app). */
function par(fetch: typeof globalThis.fetch, authContextType: string | null = 'APP_AUTHENTICATION_DEFAULT') {
  return pushAuthorizationRequest(fetch, {
    endpoint: `${TEST_ISSUER}/par`,
    issuer: TEST_ISSUER,
    clientId: TEST_CLIENT_ID,
    redirectUri: 'https://app.example.sg/auth/callback/singpass',
    scopes: ['openid', 'user.identity', 'name'],
    ...(authContextType !== null && { authContextType }),
    ...secrets,
    signingKey: keys.signing,
    dpopKey: dpopKey as NonNullable<typeof dpopKey>,
    dpopNonces: new Map(),
    clock: () => Date.UTC(2026, 5, 1),
    timeoutMs: 1000,
  });
}

const created = () =>
  Response.json({ request_uri: 'urn:ietf:params:oauth:request_uri:abc', expires_in: 60 }, { status: 201 });

describe('pushed authorization request', () => {
  it('sends the Singpass parameters, an assertion and a DPoP proof of the login key', async () => {
    const op = createFakeSingpass({ '/fapi/par': created });
    await expect(par(op.fetch)).resolves.toEqual({
      requestUri: 'urn:ietf:params:oauth:request_uri:abc',
      expiresIn: 60,
    });
    const [request] = op.requests;
    expect(request?.method).toBe('POST');
    expect(request?.headers.get('content-type')).toBe('application/x-www-form-urlencoded');
    const form = Object.fromEntries(new URLSearchParams(request?.body));
    expect(form).toMatchObject({
      response_type: 'code',
      scope: 'openid user.identity name',
      state: secrets.state,
      nonce: secrets.nonce,
      client_id: TEST_CLIENT_ID,
      redirect_uri: 'https://app.example.sg/auth/callback/singpass',
      code_challenge: createHash('sha256').update(secrets.codeVerifier).digest('base64url'),
      code_challenge_method: 'S256',
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      authentication_context_type: 'APP_AUTHENTICATION_DEFAULT',
    });
    expect(decodeJwt(form.client_assertion ?? '')).toMatchObject({ aud: TEST_ISSUER, iss: TEST_CLIENT_ID });
    const proof = request?.headers.get('dpop') ?? '';
    expect(decodeJwt(proof)).toMatchObject({ htm: 'POST', htu: `${TEST_ISSUER}/par` });
    const jwk = decodeProtectedHeader(proof).jwk as JWK;
    expect(await calculateJwkThumbprint(jwk)).toBe(
      await dpopThumbprint(dpopKey as NonNullable<typeof dpopKey>),
    );
  });

  it('sends no authentication_context_type when the room gives none (a Singpass Myinfo app)', async () => {
    const op = createFakeSingpass({ '/fapi/par': created });
    await par(op.fetch, null);
    expect(new URLSearchParams(op.requests[0]?.body).has('authentication_context_type')).toBe(false);
  });

  it('accepts only a 201 with request_uri and a numeric expires_in, keeping the provider text private', async () => {
    const answers = [
      () => Response.json({ request_uri: 'urn:x', expires_in: 60 }, { status: 200 }),
      () => Response.json({ request_uri: 'urn:x', expires_in: '60' }, { status: 201 }),
      () => Response.json({ expires_in: 60 }, { status: 201 }),
      () =>
        Response.json(
          { error: 'invalid_request', error_description: '<script>alert(1)</script>' },
          { status: 400 },
        ),
    ];
    for (const answer of answers) {
      const op = createFakeSingpass({ '/fapi/par': answer });
      const error = await par(op.fetch).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'BFF_PROVIDER_ERROR' });
      expect(String((error as Error).message)).not.toContain('script');
      expect(String((error as { detail?: string }).detail)).not.toContain('script');
    }
  });

  it('builds the authorization URL from client_id and request_uri only', () => {
    const url = new URL(
      buildAuthorizationUrl(
        `${TEST_ISSUER}/auth?stale=1`,
        TEST_CLIENT_ID,
        'urn:ietf:params:oauth:request_uri:abc',
      ),
    );
    expect(url.origin + url.pathname).toBe(`${TEST_ISSUER}/auth`);
    expect([...url.searchParams.keys()]).toEqual(['client_id', 'request_uri']);
    expect(url.searchParams.get('request_uri')).toBe('urn:ietf:params:oauth:request_uri:abc');
  });
});
