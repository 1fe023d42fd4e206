/**
 * One mapper from any failure to an RFC 6749 §5.2 / RFC 6750 §3 JSON error (via `toEmulatorError`),
 * with `WWW-Authenticate: Bearer` for token failures at userinfo.
 */
import type { FastifyReply } from 'fastify';
import { toEmulatorError } from '../errors';

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
