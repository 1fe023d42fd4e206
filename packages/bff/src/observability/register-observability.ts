/**
 * Request ids and metrics hooks (the endpoint `GET /metrics` is routes/metrics.ts):
 * - every response carries `X-Request-Id` (the id in every log line of that request; never taken from
 *   the client, so logs cannot be forged into another request's story);
 * - when a response is done, it is counted by route pattern and status, and the refusals every route
 *   shares (CSRF, rate limits) by the `BFF_*` code `sendError` recorded. Logins and sessions are counted
 *   where they happen (`ctx.events`, auth-events.ts), not re-derived here from routes and statuses.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Counter } from 'prom-client';
import type { BffMetrics } from './metrics';
import { readFailure } from './request-outcome';

const CSRF_CODES = new Set(['BFF_CSRF_HEADER_MISSING', 'BFF_CROSS_SITE_REQUEST']);

export function registerObservability(app: FastifyInstance, metrics: BffMetrics): void {
  // `X-Request-Id` is set by app.ts's one onRequest hook, with the security headers.
  // A callback-style hook: no promise per request. The request counter's children are bound once per
  // (route, method, status) — all bounded — so a response costs a Map lookup, not a label hash.

  const requestCounters = new Map<string, Counter.Internal>();
  const countRequest = (route: string, method: string, status: number) => {
    const key = `${status} ${method} ${route}`;
    let child = requestCounters.get(key);
    if (child === undefined) {
      child = metrics.requests.labels({ route, method, status });
      requestCounters.set(key, child);
    }
    child.inc();
  };

  app.addHook('onResponse', (request, reply, done) => {
    countOutcome(request, reply);
    done();
  });

  function countOutcome(request: FastifyRequest, reply: FastifyReply): void {
    const route = request.routeOptions.url ?? 'unmatched';
    countRequest(route, request.method, reply.statusCode);
    const failure = readFailure(request);
    if (failure && CSRF_CODES.has(failure)) metrics.csrfRejections.inc({ code: failure });
    if (failure === 'BFF_RATE_LIMITED') metrics.rateLimited.inc({ bucket: route });
  }
}
