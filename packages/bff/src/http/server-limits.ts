/**
 * The HTTP server's own limits (SECURITY.md "Abuse and faults": header, body and idle timeouts), so that
 * no client can hold a connection for free:
 * - `HEADERS_TIMEOUT`: the request line and headers must arrive within it (a slow-header "slowloris", or
 *   a connection that sends nothing at all);
 * - `REQUEST_TIMEOUT`: the whole request, body included, must arrive within it (a trickled body);
 * - `KEEP_ALIVE_TIMEOUT`: an idle keep-alive connection is closed after it;
 * - `CONNECTION_TIMEOUT`: a connection with no traffic either way for that long is closed (a client that
 *   stops reading its response).
 * A request cut off before it was read answers `408 BFF_REQUEST_TIMEOUT` (JSON, then the socket closes);
 * other unparsable requests `400 BFF_BAD_REQUEST` / `431 BFF_HEADERS_TOO_LARGE`. Node checks the header
 * and request deadlines on a timer (30 s by default); it runs often enough here that a deadline is kept
 * to within a quarter of itself, at most 1 s late.
 */
import http from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyBaseLogger, FastifyServerFactory } from 'fastify';
import type { ServerLimits } from '../config';
import { BFF_ERRORS, type BffErrorCode } from '../errors';

/** A `serverFactory` for Fastify: every server it creates (one per listening address) gets the limits. */
export function createServerFactory(
  limits: ServerLimits,
  onServer: (server: http.Server) => void,
): FastifyServerFactory {
  const shortest = Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs);
  const options: http.ServerOptions = {
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    connectionsCheckingInterval: Math.max(25, Math.min(1000, Math.floor(shortest / 4))),
  };
  return (handler) => {
    const server = http.createServer(options, handler);
    server.keepAliveTimeout = limits.keepAliveTimeoutMs;
    server.setTimeout(limits.connectionTimeoutMs);
    onServer(server);
    return server;
  };
}

const CLIENT_ERROR_CODES: Record<string, BffErrorCode> = {
  ERR_HTTP_REQUEST_TIMEOUT: 'BFF_REQUEST_TIMEOUT',
  HPE_HEADER_OVERFLOW: 'BFF_HEADERS_TOO_LARGE',
};

/**
 * The server's `clientError` handler: a request Node could not read (timed out, malformed) answers a
 * catalogue code in the BFF's JSON shape and the socket closes. Idempotent: a destroyed socket is left.
 */
export function createClientErrorHandler(
  logger: FastifyBaseLogger,
  onRefused: (code: BffErrorCode) => void,
): (error: Error & { code?: string }, socket: Duplex) => void {
  return (error, socket) => {
    if (socket.destroyed) return;
    if (error.code === 'ECONNRESET') {
      socket.destroy();
      return;
    }
    const code = CLIENT_ERROR_CODES[error.code ?? ''] ?? 'BFF_BAD_REQUEST';
    onRefused(code);
    logger.debug({ errorCode: code, detail: error.code }, 'client error');
    const { status, message } = BFF_ERRORS[code];
    const body = JSON.stringify({ code, message });
    // Only when no response has begun on this socket: otherwise the bytes would corrupt that response.
    const response = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    if (socket.writable && !response?.headersSent)
      socket.write(
        `HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
          `Content-Length: ${Buffer.byteLength(body)}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n${body}`,
      );
    socket.destroy();
  };
}
