/**
 * The proxy's per-route metrics (observability/metrics.ts): `proxy_requests_total{route,status}`, one
 * per proxied call by the status the browser got, and `proxy_upstream_duration_seconds{route}`, the time
 * to the upstream's answer. Labels are configured prefixes and HTTP statuses, so bounded. Label children
 * are bound once per route and status: a proxied call costs a Map lookup, not a label hash.
 */
import type { BffMetrics } from '../observability/metrics';

export interface RouteMetrics {
  /** Starts timing a call to the upstream; answers the function that stops the timer. */
  startTimer(): () => void;
  /** Counts one proxied call by the status it was answered with. */
  count(status: number): void;
}

/** Answers the bound metrics of a route, by its prefix (`/api/demo`); the same object on every call. */
export function createRouteMetrics(
  metrics: Pick<BffMetrics, 'proxyRequests' | 'proxySeconds'>,
): (prefix: string) => RouteMetrics {
  const byPrefix = new Map<string, RouteMetrics>();
  const bind = (prefix: string): RouteMetrics => {
    const seconds = metrics.proxySeconds.labels({ route: prefix });
    const byStatus = new Map<number, { inc(): void }>();
    return {
      startTimer: () => seconds.startTimer(),
      count(status) {
        let child = byStatus.get(status);
        if (child === undefined) {
          child = metrics.proxyRequests.labels({ route: prefix, status });
          byStatus.set(status, child);
        }
        child.inc();
      },
    };
  };
  return (prefix) => {
    let bound = byPrefix.get(prefix);
    if (bound === undefined) {
      bound = bind(prefix);
      byPrefix.set(prefix, bound);
    }
    return bound;
  };
}
