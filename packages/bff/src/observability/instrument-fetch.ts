/**
 * Every outbound call to a provider, measured where it happens: wraps the injected `fetch` that the
 * registry hands to every provider, so the provider code stays unaware of metrics and spans.
 * - `sgid_bff_provider_call_duration_seconds` by endpoint (token, userinfo, jwks, discovery, other) and
 *   outcome (HTTP status class, `timeout` or `network`), timed to the response headers;
 * - inside a traced request, a client span `provider.http` with the method, the URL's host and path
 *   (never its query string) and the status. No trace context is sent to the provider: a government
 *   identity provider has no use for our trace ids, and our traces stop at our edge.
 */
import { SpanKind, SpanStatusCode, type Tracer } from '@opentelemetry/api';
import { SGID_PATHS } from '@sgid-bff/protocol';
import type { FetchLike } from '../providers/call-provider';
import type { BffMetrics } from './metrics';
import { getDefaultTracer, hasActiveSpan, recordSpanFailure } from './tracing';

const ENDPOINTS: Record<string, string> = {
  [SGID_PATHS.token]: 'token',
  [SGID_PATHS.userinfo]: 'userinfo',
  [SGID_PATHS.jwks]: 'jwks',
  [SGID_PATHS.discovery]: 'discovery',
};

export function instrumentFetch(
  fetchImpl: FetchLike,
  metrics: BffMetrics,
  tracer: Tracer = getDefaultTracer(),
): FetchLike {
  const measured: FetchLike = async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const endpoint = ENDPOINTS[url.pathname] ?? 'other';
    const stop = metrics.providerCallSeconds.startTimer({ endpoint });
    try {
      const response = await fetchImpl(input, init);
      stop({ outcome: `${Math.floor(response.status / 100)}xx` });
      return response;
    } catch (error) {
      stop({ outcome: init?.signal?.aborted ? 'timeout' : 'network' });
      throw error;
    }
  };
  return async (input, init) => {
    // Readiness probes and other calls outside a traced request would each be a trace of their own.
    if (!hasActiveSpan()) return measured(input, init);
    const url = new URL(input instanceof Request ? input.url : String(input));
    const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
    return tracer.startActiveSpan(
      'provider.http',
      {
        kind: SpanKind.CLIENT,
        attributes: {
          'http.request.method': method,
          'server.address': url.hostname,
          'url.path': url.pathname,
        },
      },
      async (span) => {
        try {
          const response = await measured(input, init);
          span.setAttribute('http.response.status_code', response.status);
          if (response.status >= 400)
            span.setStatus({ code: SpanStatusCode.ERROR, message: String(response.status) });
          return response;
        } catch (error) {
          // The lower layer's error text may quote the URL; the span gets the code call-provider.ts maps it to.
          recordSpanFailure(
            span,
            error,
            init?.signal?.aborted ? 'BFF_PROVIDER_TIMEOUT' : 'BFF_PROVIDER_UNAVAILABLE',
          );
          throw error;
        } finally {
          span.end();
        }
      },
    );
  };
}
