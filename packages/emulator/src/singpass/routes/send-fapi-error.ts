/**
 * One mapper from any failure on a Singpass JSON endpoint to its error response (§4.11, §8 statuses):
 * - PAR and token: RFC 6749 §5.2 JSON, 400 by default, 401 for `invalid_client`, 500 for `server_error`;
 *   PAR errors echo `state` when the request carried a readable one (Singpass does);
 * - userinfo: 401 with `WWW-Authenticate: DPoP error="…"` (RFC 9449 §7.1), except `invalid_request`
 *   (400) and `server_error` (500).
 * Unknown failures are hidden behind `EMU_INTERNAL` by `toEmulatorError`; no stack ever leaves.
 */
import type { FastifyReply } from 'fastify';
import { toEmulatorError } from '../../errors';

function quote(value: string): string {
  return `"${value.replace(/["\\]/g, '')}"`;
}

export function sendFapiError(
  reply: FastifyReply,
  failure: unknown,
  options: { state?: string; userinfo?: boolean } = {},
): FastifyReply {
  const error = toEmulatorError(failure);
  if (error.code === 'EMU_INTERNAL') reply.log.error({ err: failure }, 'unexpected error');
  const oauthError = error.oauthError ?? 'invalid_request';
  let status = error.status;
  if (options.userinfo === true && oauthError !== 'invalid_request' && oauthError !== 'server_error') {
    status = 401;
    reply.header(
      'www-authenticate',
      `DPoP error=${quote(oauthError)}, error_description=${quote(error.description)}, algs="ES256 ES384 ES512"`,
    );
  }
  return reply
    .status(status)
    .header('cache-control', 'no-store')
    .send({
      error: oauthError,
      error_description: error.description,
      ...(options.state === undefined ? {} : { state: options.state }),
      code: error.code,
    });
}
