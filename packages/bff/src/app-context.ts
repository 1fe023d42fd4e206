/** What every route receives: configuration and dependencies, nothing read from globals. */
import type { Tracer } from '@opentelemetry/api';
import type { BffConfig } from './config';
import type { RandomBytes } from './crypto/tokens';
import type { AuthEvents } from './observability/auth-events';
import type { ProviderRegistry } from './providers/registry';
import type { BffStore } from './store/store';

export interface AppContext {
  readonly config: BffConfig;
  /** The configured store, wrapped so that its failures are `BFF_STORE_UNAVAILABLE`. */
  readonly store: BffStore;
  /** The enabled login providers, by name; `default` answers `/auth/login` without `?provider=`. */
  readonly providers: ProviderRegistry;
  /** Milliseconds since the epoch; a fake clock in tests. */
  readonly clock: () => number;
  readonly random: RandomBytes;
  /** Logins and sessions as they happen, for the counters (observability/auth-events.ts). */
  readonly events: AuthEvents;
  /** Spans of the steps a route takes itself (e.g. `session.create`); observability/tracing.ts. */
  readonly tracer: Tracer;
}

/** A fresh CSP nonce: 128 bits, base64url. */
export function createNonce(random: RandomBytes): string {
  return Buffer.from(random(16)).toString('base64url');
}
