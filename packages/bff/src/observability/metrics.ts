/**
 * Prometheus metrics (`GET /metrics`). One registry per app (tests run many apps in one process) plus the
 * process-wide default metrics (CPU, memory, event loop), registered once. Labels are bounded: error
 * codes from the closed catalogue, route patterns, configured proxy prefixes, fixed reason names. No
 * label ever carries a user, a session or a path with ids in it.
 */
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

const PREFIX = 'sgid_bff_';
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/**
 * Why a session ended, as far as the BFF can tell (docs/production.md "Metrics"): ended by the BFF itself
 * (logout, a new login in the same browser, a revocation), or found expired — or evicted by Redis, as
 * Redis reported it — by a read of its cookie.
 */
export type SessionEndReason =
  | 'logout'
  | 'replaced'
  | 'revoked'
  | 'revoked_others'
  | 'admin_revoked'
  | 'idle_expiry'
  | 'absolute_expiry'
  | 'store_eviction';

export interface BffMetrics {
  readonly registry: Registry;
  readonly loginsStarted: Counter;
  readonly loginsSucceeded: Counter;
  readonly loginsFailed: Counter<'reason'>;
  readonly logins: Counter<'provider' | 'outcome' | 'code'>;
  readonly callbacksRejected: Counter<'reason'>;
  readonly callbacksReplayed: Counter;
  readonly sessionsCreated: Counter;
  readonly sessionsEnded: Counter<'reason'>;
  readonly endedSessionCookies: Counter;
  readonly csrfRejections: Counter<'code'>;
  readonly rateLimited: Counter<'bucket'>;
  readonly requests: Counter<'route' | 'method' | 'status'>;
  readonly providerCallSeconds: Histogram<'endpoint' | 'outcome'>;
  readonly storeErrors: Counter<'operation'>;
  readonly proxyRequests: Counter<'route' | 'status'>;
  readonly proxySeconds: Histogram<'route'>;
  readonly clientErrors: Counter<'code'>;
  readonly connectionsRefused: Counter;
  readonly ready: Gauge<'check'>;
  /** The exposition text: this app's metrics, then the process's. */
  render(): Promise<string>;
}

let processRegistry: Registry | undefined;

function getProcessRegistry(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry, prefix: PREFIX });
  }
  return processRegistry;
}

export function createMetrics(): BffMetrics {
  const registry = new Registry();
  const registers = [registry];
  const counter = <L extends string>(name: string, help: string, labelNames: L[] = []) =>
    new Counter<L>({ name: PREFIX + name, help, labelNames, registers });
  return {
    registry,
    loginsStarted: counter(
      'logins_started_total',
      'Logins started (a redirect to sgID or its URL answered).',
    ),
    loginsSucceeded: counter('logins_succeeded_total', 'Callbacks that ended in a new session.'),
    loginsFailed: counter(
      'logins_failed_total',
      'Logins that took their transaction and did not end in a session (declines included), by BFF_* code.',
      ['reason'],
    ),
    logins: counter(
      'logins_total',
      'Logins that took their transaction, by provider, outcome (succeeded, declined, expired, cancelled, failed) and BFF_* code (none on success).',
      ['provider', 'outcome', 'code'],
    ),
    callbacksRejected: counter(
      'callbacks_rejected_total',
      'Callbacks refused before any login transaction was taken (forged, stale, another browser, rate-limited), by BFF_* code.',
      ['reason'],
    ),
    callbacksReplayed: counter(
      'callbacks_replayed_total',
      'Repeats of a finished callback by the same browser, sent to the session that callback created.',
    ),
    sessionsCreated: counter('sessions_created_total', 'Sessions created.'),
    sessionsEnded: counter(
      'sessions_ended_total',
      'Sessions ended, by reason: ended by the BFF (logout, replaced, revoked…), or found expired (idle_expiry, absolute_expiry) or evicted by Redis (store_eviction) by a read of their cookie.',
      ['reason'],
    ),
    endedSessionCookies: counter(
      'ended_session_cookies_total',
      'Requests presenting the cookie of a session that had ended (expired idle/absolute, or ended elsewhere); the cookie is cleared.',
    ),
    csrfRejections: counter('csrf_rejections_total', 'Requests refused by the CSRF/origin rules.', ['code']),
    rateLimited: counter('rate_limited_total', 'Requests refused by a rate limit.', ['bucket']),
    requests: counter('http_requests_total', 'Responses by route pattern, method and status.', [
      'route',
      'method',
      'status',
    ]),
    providerCallSeconds: new Histogram({
      name: `${PREFIX}provider_call_duration_seconds`,
      help: 'Calls to sgID (token, userinfo, jwks) by outcome.',
      labelNames: ['endpoint', 'outcome'],
      buckets: LATENCY_BUCKETS,
      registers,
    }),
    storeErrors: counter('store_errors_total', 'Store operations that failed, by operation.', ['operation']),
    proxyRequests: counter('proxy_requests_total', 'Proxied /api requests by route prefix and status.', [
      'route',
      'status',
    ]),
    proxySeconds: new Histogram({
      name: `${PREFIX}proxy_upstream_duration_seconds`,
      help: 'Time until the upstream answered headers, by route prefix.',
      labelNames: ['route'],
      buckets: LATENCY_BUCKETS,
      registers,
    }),
    clientErrors: counter(
      'client_errors_total',
      'Requests the server could not read (timed out, malformed, headers too large), by BFF_* code.',
      ['code'],
    ),
    connectionsRefused: counter(
      'connections_refused_total',
      'Connections closed at once because their address held MAX_CONNECTIONS_PER_ADDRESS already.',
    ),
    ready: new Gauge({
      name: `${PREFIX}ready`,
      help: 'Last readiness result per check (1 ready, 0 not).',
      labelNames: ['check'],
      registers,
    }),
    async render() {
      return `${await registry.metrics()}\n${await getProcessRegistry().metrics()}`;
    },
  };
}
