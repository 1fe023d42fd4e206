/**
 * Errors node's HTTP parser raises before a request exists (fastify's `clientErrorHandler`): a request
 * line or header block over the limit is `431 EMU_HEADERS_TOO_LARGE`, other bytes that are not HTTP
 * `400 EMU_INVALID_REQUEST` — the catalogue's JSON instead of fastify's own body — and the socket closes.
 * A timeout keeps fastify's 408.
 */
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { EmulatorError } from './errors';

export function answerClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  let status = 408;
  let body = '{"error":"Request Timeout","message":"Client Timeout","statusCode":408}';
  if (error.code !== 'ERR_HTTP_REQUEST_TIMEOUT') {
    const failure = new EmulatorError(
      error.code === 'HPE_HEADER_OVERFLOW' ? 'EMU_HEADERS_TOO_LARGE' : 'EMU_INVALID_REQUEST',
    );
    status = failure.status;
    body = JSON.stringify({ code: failure.code, message: failure.description });
  }
  if (socket.writable)
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `Content-Type: application/json; charset=utf-8\r\nCache-Control: no-store\r\n\r\n${body}`,
    );
  socket.destroy(error);
}
