/**
 * Request ids and metrics hooks (the endpoint `GET /metrics` is routes/metrics.ts):
 * - every response carries `X-Request-Id` (the id in every log line of that request; never taken from
 *   the client, so logs cannot be forged into another request's story);
 * - when a response is done, it is counted by route pattern and status, and the auth flow's counters
 *   (logins started/succeeded/failed by code, sessions created/ended, CSRF rejections, rate limits)
 *   are derived from the route and the `BFF_*` code `sendError` recorded; the callback only marks
 *   whether it was a login attempt (it took a live transaction) or a replay, so a forged or stale
 *   callback is a rejected callback, never a failed login.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Counter } from 'prom-client';
import type { AppContext } from '../app-context';
import { isTokenShaped } from '../crypto/tokens';
import { readCookie } from '../http/cookies';
import type { BffMetrics } from './metrics';
import { readCallbackKind, readFailure } from './request-outcome';

const CSRF_CODES = new Set(['BFF_CSRF_HEADER_MISSING', 'BFF_CROSS_SITE_REQUEST']);

export function registerObservability(app: FastifyInstance, ctx: AppContext, metrics: BffMetrics): void {
  const { cookieName } = ctx.config.session;
  const hadSessionCookie = (request: FastifyRequest) => {
    const id = readCookie(request.headers.cookie, cookieName);
    return id !== undefined && isTokenShaped(id);
  };

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
    const status = reply.statusCode;
    countRequest(route, request.method, status);
    const failure = readFailure(request);
    if (failure && CSRF_CODES.has(failure)) metrics.csrfRejections.inc({ code: failure });
    if (failure === 'BFF_RATE_LIMITED') metrics.rateLimited.inc({ bucket: route });
    switch (route) {
      case '/auth/login':
        if (status < 400) metrics.loginsStarted.inc();
        break;
      case '/auth/callback': {
        const kind = readCallbackKind(request);
        if (kind === 'replayed') metrics.callbacksReplayed.inc();
        else if (failure && kind === 'attempt') metrics.loginsFailed.inc({ reason: failure });
        else if (failure) metrics.callbacksRejected.inc({ reason: failure });
        else if (kind === 'attempt' && status === 302) {
          metrics.loginsSucceeded.inc();
          metrics.sessionsCreated.inc();
          if (hadSessionCookie(request)) metrics.sessionsEnded.inc({ cause: 'replaced' });
        }
        break;
      }
      case '/auth/logout':
        if (status < 400 && hadSessionCookie(request)) metrics.sessionsEnded.inc({ cause: 'logout' });
        break;
      case '/auth/session':
        if (status === 200 && clearsSessionCookie(reply.getHeader('set-cookie')) && hadSessionCookie(request))
          metrics.endedSessionCookies.inc();
        break;
    }
  }

  function clearsSessionCookie(header: unknown): boolean {
    const values = Array.isArray(header) ? header : [header];
    return values.some((v) => typeof v === 'string' && v.startsWith(`${cookieName}=;`));
  }
}
