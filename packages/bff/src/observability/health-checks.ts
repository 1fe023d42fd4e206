/**
 * The readiness checks behind `GET /readyz` (routes/health.ts): the store answers a ping, every enabled
 * provider is reachable (sgID's JWKS, Singpass's discovery document). Results are cached (store 1 s, provider 15 s when up and 2 s when down) and concurrent
 * probes share one check, so probes from many instances never hammer Redis or sgID.
 */
import type { FetchLike } from '../providers/call-provider';
import type { BffStore } from '../store/store';

const STORE_CACHE_MS = 1000;
const PROVIDER_UP_CACHE_MS = 15_000;
const PROVIDER_DOWN_CACHE_MS = 2000;
const PROVIDER_CHECK_TIMEOUT_MS = 2000;

export interface HealthChecks {
  /** The store answered a ping (cached). */
  readonly storeUp: () => Promise<boolean>;
  /** Every provider's probe URL answered 200 (cached). */
  readonly providerUp: () => Promise<boolean>;
}

/** A check whose result is reused for a while and shared by concurrent callers. */
function cached(check: () => Promise<boolean>, ttl: (ok: boolean) => number, now: () => number) {
  let last: { ok: boolean; at: number } | undefined;
  let running: Promise<boolean> | undefined;
  return async (): Promise<boolean> => {
    if (last && now() - last.at < ttl(last.ok)) return last.ok;
    running ??= check()
      .catch(() => false)
      .then((ok) => {
        last = { ok, at: now() };
        running = undefined;
        return ok;
      });
    return running;
  };
}

export function createHealthChecks(options: {
  store: Pick<BffStore, 'ping'>;
  /** One URL per enabled provider that answers 200 when it is up, e.g. `https://api.id.gov.sg/v2/.well-known/jwks.json`. */
  providerUrls: readonly string[];
  /** The provider call timeout; the check waits at most 2 s of it. */
  providerTimeoutMs: number;
  fetch: FetchLike;
}): HealthChecks {
  // Real time, not the injected clock: caching is about wall-clock load, and fake clocks stand still.
  const now = () => performance.now();
  const storeUp = cached(
    async () => {
      await options.store.ping();
      return true;
    },
    () => STORE_CACHE_MS,
    now,
  );
  const providerUp = cached(
    async () => {
      const timeout = Math.min(options.providerTimeoutMs, PROVIDER_CHECK_TIMEOUT_MS);
      const probes = options.providerUrls.map(async (url) => {
        const response = await options.fetch(url, {
          signal: AbortSignal.timeout(timeout),
          redirect: 'manual',
        });
        await response.arrayBuffer();
        return response.status === 200;
      });
      return (await Promise.all(probes)).every(Boolean);
    },
    (ok) => (ok ? PROVIDER_UP_CACHE_MS : PROVIDER_DOWN_CACHE_MS),
    now,
  );
  return { storeUp, providerUp };
}
