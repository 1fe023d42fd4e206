/**
 * Spans, through `@opentelemetry/api` only: without an SDK (the default, see start-tracing.ts) every call
 * here is the API's no-op, and no span, attribute or context is kept.
 *
 * What a span may carry (docs/production.md "Tracing"): provider names, route templates, HTTP methods
 * and statuses, provider URL paths (never a query string), `BFF_*` codes, counts, the store's kind.
 * Never a code, state, nonce, token, cookie, session id, `sub` or personal data. A failure is recorded
 * as its `BFF_*` code and the catalogue's fixed public message, never a lower layer's `message` or
 * stack: those may quote a provider's answer or a URL with a code in it.
 */
import {
  type Attributes,
  context,
  ProxyTracer,
  ProxyTracerProvider,
  propagation,
  type Span,
  SpanKind,
  SpanStatusCode,
  type Tracer,
  trace,
} from '@opentelemetry/api';
import { type BffErrorCode, describeError, isBffServerError } from '../errors';

/** The instrumentation scope of every BFF span. */
export const TRACER_NAME = 'sgid-bff';

/** Attribute names of our own (OpenTelemetry's semantic-convention names are used where one exists). */
export const TRACE_ATTRIBUTES = {
  provider: 'sgid_bff.provider',
  errorCode: 'sgid_bff.error_code',
  store: 'sgid_bff.store',
  apiRoute: 'sgid_bff.api_route',
} as const;

/** The global tracer: a no-op until an SDK registers a tracer provider (main.ts when `OTEL_*` says so). */
export function getDefaultTracer(): Tracer {
  return trace.getTracer(TRACER_NAME);
}

/**
 * True when `tracer` can only ever make no-op spans: the global tracer while no SDK is registered (the
 * default). The request hooks (trace-requests.ts) are then not installed at all, so an untraced
 * deployment pays nothing per request for tracing. An SDK must therefore be registered before the app is
 * built, as main.ts does; a tracer passed in (`deps.tracer`) is always used.
 */
export function isNoopTracer(tracer: Tracer): boolean {
  const provider = trace.getTracerProvider();
  return (
    tracer instanceof ProxyTracer &&
    provider instanceof ProxyTracerProvider &&
    provider.getDelegateTracer(TRACER_NAME) === undefined
  );
}

/** Whether a span is active here: spans below the request level are made only inside a traced request. */
export function hasActiveSpan(): boolean {
  return trace.getActiveSpan() !== undefined;
}

/**
 * `fn` inside a new active span `name`, ended when `fn` settles. A failure sets the span's status and an
 * `exception` event from its `BFF_*` code only, and is rethrown unchanged.
 */
export function inSpan<T>(
  tracer: Tracer,
  name: string,
  attributes: Attributes,
  fn: () => Promise<T>,
  kind: SpanKind = SpanKind.INTERNAL,
): Promise<T> {
  return tracer.startActiveSpan(name, { kind, attributes }, async (span) => {
    try {
      return await fn();
    } catch (error) {
      recordSpanFailure(span, error);
      throw error;
    } finally {
      span.end();
    }
  });
}

/** Runs `fn` with `span` as the active span (for callbacks fastify calls outside our context). */
export function withActiveSpan<T>(span: Span, fn: () => T): T {
  return context.with(trace.setSpan(context.active(), span), fn);
}

/** The failure's `BFF_*` code: ours as thrown, anything else is `BFF_INTERNAL` (its text is not ours). */
export function errorCodeOf(error: unknown): BffErrorCode {
  return isBffServerError(error) ? error.code : 'BFF_INTERNAL';
}

/** Marks `span` failed with `code` (or the error's code) and the catalogue's fixed message for it. */
export function recordSpanFailure(span: Span, error: unknown, code: BffErrorCode = errorCodeOf(error)): void {
  span.setAttribute(TRACE_ATTRIBUTES.errorCode, code);
  span.setStatus({ code: SpanStatusCode.ERROR, message: code });
  span.addEvent('exception', {
    'exception.type': code,
    'exception.message': describeError(code).message,
  });
}

/** Names the provider of the request being traced (the `login.*` spans), when one is active. */
export function noteProvider(name: string): void {
  trace.getActiveSpan()?.setAttribute(TRACE_ATTRIBUTES.provider, name);
}

/**
 * Writes the active span's trace context into `headers` (W3C `traceparent`/`tracestate` by the globally
 * registered propagator), replacing any the headers already held. Without an active span nothing is
 * written or removed.
 */
export function injectTraceContext(headers: Record<string, string>): void {
  if (!hasActiveSpan()) return;
  delete headers.traceparent;
  delete headers.tracestate;
  propagation.inject(context.active(), headers);
}
