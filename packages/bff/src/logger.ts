/**
 * The BFF's pino logger. Redacts by itself what must never be logged: authorization, cookie and
 * set-cookie headers, OAuth codes and state, client secrets and tokens. Requests are logged by path only
 * (no query string: the callback's carries a code and a state), and request bodies never.
 */
import type { FastifyRequest } from 'fastify';
import pino, { type Logger } from 'pino';

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
];

export function createLogger(level: string): Logger {
  return pino({
    level,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    serializers: { req: serializeRequest },
  });
}

/** Method, path (never the query string) and id. */
export function serializeRequest(request: FastifyRequest): Record<string, unknown> {
  return { id: request.id, method: request.method, path: request.url.split('?')[0] };
}
