import { jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import {
  OP_SIGNING_JWK,
  publicOf,
  signAsOp,
  TEST_ISSUER,
  testDiscovery,
} from '../../../test/support/singpass-fixtures';
import type { FetchLike } from './call-endpoint';
import { createDiscovery } from './discovery';
import { createOpKeys } from './op-keys';

describe('Singpass signing keys', () => {
  it('come from the jwks_uri discovery names, fetched once for many tokens', async () => {
    const fetched: string[] = [];
    const fetch: FetchLike = async (input) => {
      const url = String(input);
      fetched.push(url);
      if (url.endsWith('openid-configuration'))
        return Response.json({ ...testDiscovery(), jwks_uri: 'https://keys.singpass.example/jwks' });
      if (url === 'https://keys.singpass.example/jwks')
        return Response.json({ keys: [publicOf(OP_SIGNING_JWK)] });
      return new Response('not found', { status: 404 });
    };
    const discovery = createDiscovery({ issuer: TEST_ISSUER, timeoutMs: 1000, fetch, clock: Date.now });
    const keys = createOpKeys({ discovery, fetch, timeoutMs: 1000 });
    for (let i = 0; i < 3; i++) await expect(jwtVerify(await signAsOp({ i }), keys)).resolves.toBeDefined();
    expect(fetched.filter((u) => u === 'https://keys.singpass.example/jwks')).toHaveLength(1);
    expect(fetched.some((u) => u.endsWith('/.well-known/keys'))).toBe(false);
  });
});
