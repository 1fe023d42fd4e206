/**
 * The BFF's pino logger. Redacts by itself what must never be logged: authorization, cookie and
 * set-cookie headers, OAuth codes and state, client secrets and tokens. Requests are logged by path only
 * (no query string: the callback's carries a code and a state), and request bodies never.
 */
import { isSpanContextValid, trace } from '@opentelemetry/api';
import type { FastifyRequest } from 'fastify';
import pino, { type DestinationStream, type Logger } from 'pino';

export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  'code',
  'state',
  'client_secret',
  'clientSecret',
  'access_token',
  'id_token',
  'accessToken',
  'idToken',
  'token',
  'sessionId',
  '*.code',
  '*.state',
  '*.client_secret',
  '*.access_token',
  '*.id_token',
  // Also never logged, should a future log line carry them: credentials, protocol secrets, identity and
  // personal data (a session appears in logs only as its public handle, see session/session-handle.ts).
  'headers["set-cookie"]',
  'authorization',
  'cookie',
  'refresh_token',
  'code_verifier',
  'codeVerifier',
  'nonce',
  'password',
  'secret',
  'privateKey',
  'sub',
  'data',
  'payload',
  'idHash',
  '*.authorization',
  '*.cookie',
  '*.refresh_token',
  '*.code_verifier',
  '*.codeVerifier',
  '*.nonce',
  '*.sub',
  '*.data',
  '*.payload',
  '*.idHash',
  '*.sessionId',
  '*.token',
];

export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    serializers: { req: serializeRequest, err: serializeError },
    mixin: traceIds,
  };
  return destination ? pino(options, destination) : pino(options);
}

/**
 * `trace_id` and `span_id` of the active span on every line written inside a traced request, so a log
 * line leads to its trace and back. Nothing when tracing is off (the API's no-op has no active span).
 */
export function traceIds(): Record<string, string> {
  const span = trace.getActiveSpan();
  if (span === undefined) return {};
  const ids = span.spanContext();
  return isSpanContextValid(ids) ? { trace_id: ids.traceId, span_id: ids.spanId } : {};
}

/**
 * Errors as name, message, code and stack only: library errors may carry payloads (jose attaches the
 * decoded ID token claims, including the nonce) that must not reach the log.
 */
export function serializeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: String(error) };
  const { code } = error as { code?: unknown };
  const out: Record<string, unknown> = { type: error.name, message: error.message, stack: error.stack };
  if (typeof code === 'string') out.code = code;
  if (error.cause !== undefined) out.cause = serializeError(error.cause);
  return out;
}

/** Method, path (never the query string) and id. */
export function serializeRequest(request: FastifyRequest): Record<string, unknown> {
  return { id: request.id, method: request.method, path: request.url.split('?')[0] };
}
