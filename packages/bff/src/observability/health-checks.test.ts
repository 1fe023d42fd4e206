import { describe, expect, it } from 'vitest';
import { createHealthChecks } from './health-checks';

describe('createHealthChecks', () => {
  it('concurrent probes share one check, and its result is reused instead of asking again', async () => {
    let pings = 0;
    let fetches = 0;
    const checks = createHealthChecks({
      store: {
        ping: async () => {
          pings++;
        },
      },
      providerUrls: ['http://provider.invalid/v2/.well-known/jwks.json'],
      providerTimeoutMs: 5000,
      fetch: async () => {
        fetches++;
        return new Response('{"keys":[]}', { status: 200 });
      },
    });
    const answers = await Promise.all([checks.storeUp(), checks.storeUp(), checks.providerUp()]);
    expect(answers).toEqual([true, true, true]);
    expect(await checks.providerUp()).toBe(true);
    expect([pings, fetches]).toEqual([1, 1]);
  });

  it('a store that throws and a provider that answers non-200 are down, not errors', async () => {
    const checks = createHealthChecks({
      store: {
        ping: async () => {
          throw new Error('store down');
        },
      },
      providerUrls: ['http://provider.invalid/v2/.well-known/jwks.json'],
      providerTimeoutMs: 5000,
      fetch: async () => new Response('busy', { status: 503 }),
    });
    expect([await checks.storeUp(), await checks.providerUp()]).toEqual([false, false]);
  });
});
