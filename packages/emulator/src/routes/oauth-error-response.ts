/**
 * One mapper from any failure to an RFC 6749 §5.2 / RFC 6750 §3 JSON error. Our own errors keep their
 * code and description; a framework 4xx (bad JSON, unsupported media type, body too large) becomes
 * `invalid_request`; anything else is hidden behind a generic `server_error`.
 */
import type { FastifyReply } from 'fastify';
import { EmulatorError, isEmulatorError } from '../errors';

function toEmulatorError(error: unknown): EmulatorError {
  if (isEmulatorError(error)) return error;
  const status = (error as { statusCode?: unknown }).statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new EmulatorError('EMU_INVALID_REQUEST', {
      description: 'the request body could not be read',
      cause: error,
    });
  }
  return new EmulatorError('EMU_INTERNAL', { cause: error });
}

/** Quote a value for an HTTP auth-param (RFC 7235 §2.1). */
function quote(value: string): string {
  return `"${value.replace(/["\\]/g, '')}"`;
}

export function sendOAuthError(reply: FastifyReply, failure: unknown): FastifyReply {
  const error = toEmulatorError(failure);
  if (error.code === 'EMU_INTERNAL') reply.log.error({ err: failure }, 'unexpected error');
  const oauthError = error.oauthError ?? 'invalid_request';
  if (error.code === 'EMU_INVALID_TOKEN') {
    reply.header(
      'www-authenticate',
      `Bearer error=${quote(oauthError)}, error_description=${quote(error.description)}`,
    );
  }
  return reply
    .status(error.status)
    .header('cache-control', 'no-store')
    .send({ error: oauthError, error_description: error.description, code: error.code });
}
