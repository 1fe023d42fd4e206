/**
 * One server span per request to a login, session or API route, active for the whole request so that
 * every span below it (provider, session, store calls) and every log line it writes (logger.ts) belongs
 * to it:
 * - `login.start` (GET/POST /auth/login), `login.callback` (both callback routes), `session.read`
 *   (GET /auth/session), `session.logout`, `proxy.request` (`/api/*`), and `bff.request` for the other
 *   `/auth/*` and `/admin/*` endpoints. Probes, metrics, JWKS and the SPA's files are not traced;
 * - attributes: method, route template, status, the refusal's `BFF_*` code (request-outcome.ts), the
 *   proxy route's prefix; the routes add the provider. Never the URL: a callback's query holds a code;
 * - the browser's `traceparent` is ignored: each request starts a new trace, so no browser can choose
 *   the trace an upstream's spans join. `TRACE_TRUST_INCOMING=true` continues the incoming trace, for
 *   a gateway in front that sets (and overwrites) the header itself.
 * Fastify runs a request's hooks and handler synchronously from each hook's `done`, so calling `done`
 * inside the span's context carries it through the handler; `preHandler` sets it again because a body
 * is read in stream callbacks that run outside it.
 * Without an SDK (the global tracer is a no-op) the hooks are not installed: nothing is traced anyway.
 */
import {
  context,
  propagation,
  ROOT_CONTEXT,
  type Span,
  SpanKind,
  SpanStatusCode,
  type Tracer,
  trace,
} from '@opentelemetry/api';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { readFailure } from './request-outcome';
import { isNoopTracer, TRACE_ATTRIBUTES } from './tracing';

const NAMED_ROUTES: Record<string, string> = {
  'GET /auth/login': 'login.start',
  'POST /auth/login': 'login.start',
  'GET /auth/callback': 'login.callback',
  'GET /auth/callback/:provider': 'login.callback',
  'GET /auth/session': 'session.read',
  'POST /auth/logout': 'session.logout',
};

export interface RequestTracingOptions {
  /** Route patterns of the API proxy, each with its configured prefix. */
  readonly apiRoutes: ReadonlyMap<string, string>;
  /** `TRACE_TRUST_INCOMING`: continue the trace an incoming `traceparent` names. */
  readonly trustIncoming: boolean;
}

export function registerRequestTracing(
  app: FastifyInstance,
  tracer: Tracer,
  options: RequestTracingOptions,
): void {
  // No SDK registered: every span would be a no-op, so no hook at all (no closure, no 'close' listener
  // and no context switch per request). Spans below the request level need an active one (tracing.ts).
  if (isNoopTracer(tracer)) return;
  const spans = new WeakMap<FastifyRequest, Span>();

  app.addHook('onRequest', (request, reply, done) => {
    const route = request.routeOptions.url;
    const apiPrefix = route === undefined ? undefined : options.apiRoutes.get(route);
    const name = spanNameOf(request.method, route, apiPrefix);
    if (name === undefined || route === undefined) {
      done();
      return;
    }
    const parent = options.trustIncoming ? propagation.extract(ROOT_CONTEXT, request.headers) : ROOT_CONTEXT;
    const span = tracer.startSpan(
      name,
      {
        kind: SpanKind.SERVER,
        attributes: {
          'http.request.method': request.method,
          'http.route': route,
          ...(apiPrefix === undefined ? {} : { [TRACE_ATTRIBUTES.apiRoute]: apiPrefix }),
        },
      },
      parent,
    );
    spans.set(request, span);
    // 'close' comes however the response ends (sent, failed, the browser gone); onResponse may not.
    reply.raw.once('close', () => {
      const status = reply.raw.statusCode;
      span.setAttribute('http.response.status_code', status);
      const code = readFailure(request);
      if (code !== undefined) span.setAttribute(TRACE_ATTRIBUTES.errorCode, code);
      if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR, message: code ?? String(status) });
      if (!reply.raw.writableFinished) span.setAttribute('sgid_bff.response_aborted', true);
      span.end();
    });
    context.with(trace.setSpan(parent, span), done);
  });

  app.addHook('preHandler', (request, _reply, done) => {
    const span = spans.get(request);
    if (span === undefined) {
      done();
      return;
    }
    context.with(trace.setSpan(ROOT_CONTEXT, span), done);
  });
}

/** The span name of a request, or undefined for one that is not traced. */
export function spanNameOf(
  method: string,
  route: string | undefined,
  apiPrefix: string | undefined,
): string | undefined {
  if (route === undefined) return undefined;
  if (apiPrefix !== undefined) return 'proxy.request';
  const named = NAMED_ROUTES[`${method} ${route}`];
  if (named !== undefined) return named;
  return route.startsWith('/auth/') || route.startsWith('/admin/') ? 'bff.request' : undefined;
}
