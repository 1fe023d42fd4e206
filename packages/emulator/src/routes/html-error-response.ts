/** One mapper from any failure on an HTML route to the error page; unknown errors become EMU_INTERNAL. */
import type { FastifyReply } from 'fastify';
import { toEmulatorError } from '../errors';
import { renderErrorPage } from '../pages/error-page';
import { createNonce, sendPage } from '../pages/html';

export function sendHtmlError(reply: FastifyReply, error: unknown): FastifyReply {
  const failure = toEmulatorError(error);
  if (failure.code === 'EMU_INTERNAL') reply.log.error({ err: error }, 'unexpected error');
  const nonce = createNonce();
  return sendPage(reply, failure.status, renderErrorPage(failure, nonce), nonce);
}
