import { describe, expect, it } from 'vitest';
import { createFakeSingpass, TEST_ISSUER, testDiscovery } from '../../../test/support/singpass-fixtures';
import type { FetchLike } from './call-endpoint';
import { createDiscovery, DISCOVERY_MAX_AGE_MS } from './discovery';

function clock(start = Date.UTC(2026, 5, 1)) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

const discoveryCalls = (requests: Array<{ url: string }>) =>
  requests.filter((r) => r.url.endsWith('/.well-known/openid-configuration')).length;

describe('Singpass discovery', () => {
  it('reads the endpoints once and serves them from the cache for an hour', async () => {
    const op = createFakeSingpass();
    const time = clock();
    const discovery = createDiscovery({
      issuer: TEST_ISSUER,
      timeoutMs: 1000,
      fetch: op.fetch,
      clock: time.now,
    });
    const metadata = await discovery.get();
    expect(metadata).toEqual({
      issuer: TEST_ISSUER,
      pushedAuthorizationRequestEndpoint: `${TEST_ISSUER}/par`,
      authorizationEndpoint: `${TEST_ISSUER}/auth`,
      tokenEndpoint: `${TEST_ISSUER}/token`,
      userinfoEndpoint: `${TEST_ISSUER}/userinfo`,
      jwksUri: `${TEST_ISSUER}/.well-known/keys`,
    });
    await Promise.all([discovery.get(), discovery.get()]);
    time.advance(DISCOVERY_MAX_AGE_MS - 1);
    await discovery.get();
    expect(discoveryCalls(op.requests)).toBe(1);
  });

  it('never caches for less than an hour, whatever it is told', async () => {
    const op = createFakeSingpass();
    const time = clock();
    const discovery = createDiscovery({
      issuer: TEST_ISSUER,
      timeoutMs: 1000,
      fetch: op.fetch,
      clock: time.now,
      maxAgeMs: 1000,
    });
    await discovery.get();
    time.advance(10 * 60_000);
    await discovery.get();
    expect(discoveryCalls(op.requests)).toBe(1);
  });

  it('after an hour serves the stale copy and refreshes behind the login', async () => {
    let issuerSeen = 0;
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const fetch: FetchLike = async () => {
      issuerSeen++;
      if (issuerSeen > 1) await gate;
      return Response.json(testDiscovery());
    };
    const time = clock();
    const discovery = createDiscovery({ issuer: TEST_ISSUER, timeoutMs: 1000, fetch, clock: time.now });
    await discovery.get();
    time.advance(DISCOVERY_MAX_AGE_MS + 1);
    // Answers at once from the stale copy although the refresh has not finished.
    await expect(discovery.get()).resolves.toMatchObject({ issuer: TEST_ISSUER });
    await discovery.get();
    expect(issuerSeen).toBe(2);
    release();
  });

  it('refuses a document whose issuer is not exactly the configured one', async () => {
    for (const issuer of [`${TEST_ISSUER}/`, 'https://stg-id.singpass.gov.sg', 'https://evil.example/fapi']) {
      const fetch: FetchLike = async () => Response.json({ ...testDiscovery(), issuer });
      const discovery = createDiscovery({ issuer: TEST_ISSUER, timeoutMs: 1000, fetch, clock: Date.now });
      await expect(discovery.get()).rejects.toMatchObject({ code: 'BFF_PROVIDER_ERROR' });
    }
  });

  it('refuses missing or non-https endpoints, and maps outages to provider codes', async () => {
    const bad = [
      { token_endpoint: undefined },
      { jwks_uri: 'http://id.example/keys' },
      { authorization_endpoint: 'not a url' },
    ];
    for (const change of bad) {
      const fetch: FetchLike = async () => Response.json({ ...testDiscovery(), ...change });
      const discovery = createDiscovery({ issuer: TEST_ISSUER, timeoutMs: 1000, fetch, clock: Date.now });
      await expect(discovery.get()).rejects.toMatchObject({ code: 'BFF_PROVIDER_ERROR' });
    }
    const down: FetchLike = async () => new Response('no', { status: 503 });
    await expect(
      createDiscovery({ issuer: TEST_ISSUER, timeoutMs: 1000, fetch: down, clock: Date.now }).get(),
    ).rejects.toMatchObject({ code: 'BFF_PROVIDER_UNAVAILABLE' });
    const unreachable: FetchLike = async () => {
      throw new TypeError('fetch failed');
    };
    await expect(
      createDiscovery({ issuer: TEST_ISSUER, timeoutMs: 1000, fetch: unreachable, clock: Date.now }).get(),
    ).rejects.toMatchObject({ code: 'BFF_PROVIDER_UNAVAILABLE' });
    const slow: FetchLike = (_url, init) =>
      new Promise((_resolve, reject) =>
        init?.signal?.addEventListener('abort', () => reject(new Error('aborted'))),
      );
    await expect(
      createDiscovery({ issuer: TEST_ISSUER, timeoutMs: 20, fetch: slow, clock: Date.now }).get(),
    ).rejects.toMatchObject({ code: 'BFF_PROVIDER_TIMEOUT' });
  });
});
