/**
 * Errors node's HTTP parser raises before a request exists (fastify's `clientErrorHandler`): too large a
 * request line or header block, or bytes that are not HTTP. They are answered, as every failure is, with a
 * catalogue code — fastify's default would answer its own `{error, statusCode}` body — and the socket is
 * closed, since what follows on it cannot be trusted. A timeout keeps fastify's answer (408): it is not a
 * malformed request, and the server's timeouts decide how it reads.
 */
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { BFF_ERRORS, type BffErrorCode } from '../errors';

function codeFor(error: NodeJS.ErrnoException): BffErrorCode | undefined {
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') return undefined;
  return error.code === 'HPE_HEADER_OVERFLOW' ? 'BFF_HEADERS_TOO_LARGE' : 'BFF_BAD_REQUEST';
}

export function answerClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const code = codeFor(error);
  const status = code === undefined ? 408 : BFF_ERRORS[code].status;
  const body =
    code === undefined
      ? '{"error":"Request Timeout","message":"Client Timeout","statusCode":408}'
      : JSON.stringify({ code, message: BFF_ERRORS[code].message });
  if (socket.writable)
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `Content-Type: application/json; charset=utf-8\r\nCache-Control: no-store\r\n\r\n${body}`,
    );
  socket.destroy(error);
}
