/**
 * The one error-to-response mapper. Known failures answer their catalogue code; fastify's own 4xx errors
 * map to stable codes; anything unknown is a generic `500 BFF_INTERNAL` with the request id, the details
 * going to the log only. Fetches get JSON `{code, message, requestId}`; navigations get a friendly page.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createNonce } from '../app-context';
import type { RandomBytes } from '../crypto/tokens';
import { BffServerError, describeError, isBffServerError, RateLimitedError } from '../errors';
import { recordFailure } from '../observability/request-outcome';
import { renderPage } from './html-page';
import { buildPageCsp } from './security-headers';

const FASTIFY_CODES: Record<string, BffServerError['code']> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'BFF_PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'BFF_UNSUPPORTED_MEDIA_TYPE',
};

export function toBffServerError(error: unknown): BffServerError {
  if (isBffServerError(error)) return error;
  const { code, statusCode } = (error ?? {}) as { code?: string; statusCode?: number };
  const mapped = code ? FASTIFY_CODES[code] : undefined;
  if (mapped) return new BffServerError(mapped, { cause: error });
  if (statusCode === 413) return new BffServerError('BFF_PAYLOAD_TOO_LARGE', { cause: error });
  if (statusCode === 415) return new BffServerError('BFF_UNSUPPORTED_MEDIA_TYPE', { cause: error });
  if (statusCode !== undefined && statusCode >= 400 && statusCode < 500)
    return new BffServerError('BFF_BAD_REQUEST', { detail: code, cause: error });
  return new BffServerError('BFF_INTERNAL', { cause: error });
}

/**
 * HTML only for what looks like a navigation (a GET with `Sec-Fetch-Mode: navigate`, or accepting HTML
 * when the browser sends no fetch metadata); JSON for everything else: the CSRF header, non-GET, fetches.
 */
export function wantsJson(request: FastifyRequest): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return true;
  if (request.headers['x-csrf'] !== undefined) return true;
  const mode = request.headers['sec-fetch-mode'];
  if (mode !== undefined) return mode !== 'navigate';
  return !(request.headers.accept ?? '').includes('text/html');
}

export interface ErrorPageOptions {
  /** Where "Try again" leads (a fresh login); default: back to the app. */
  retryHref?: string;
  /** `warn` for a refusal an operator may want to see (e.g. a callback no login of ours asked for). */
  refusalLevel?: 'info' | 'warn';
}

/**
 * Log a failure once and record its code for the metrics: a 5xx at error level with its cause, a
 * refusal (4xx) at `refusalLevel` without a stack. Answers the failure as a `BffServerError`.
 */
export function reportFailure(
  request: FastifyRequest,
  error: unknown,
  refusalLevel: 'info' | 'warn' = 'info',
): BffServerError {
  const failure = toBffServerError(error);
  // `errorCode`, not `code`: the logger redacts every `code` field (OAuth authorization codes).
  if (failure.status >= 500)
    request.log.error(
      { errorCode: failure.code, detail: failure.detail, err: failure.cause ?? failure },
      'request failed',
    );
  else request.log[refusalLevel]({ errorCode: failure.code, detail: failure.detail }, 'request refused');
  recordFailure(request, failure.code);
  return failure;
}

export function sendError(
  request: FastifyRequest,
  reply: FastifyReply,
  error: unknown,
  random: RandomBytes,
  options: ErrorPageOptions = {},
): FastifyReply {
  const failure = reportFailure(request, error, options.refusalLevel);
  reply.code(failure.status).header('cache-control', 'no-store');
  if (failure.code === 'BFF_RATE_LIMITED')
    reply.header('retry-after', String(failure instanceof RateLimitedError ? failure.retryAfterSeconds : 60));
  if (wantsJson(request))
    return reply.send({ code: failure.code, message: failure.message, requestId: request.id });

  const nonce = createNonce(random);
  const { title } = describeError(failure.code);
  const action = options.retryHref
    ? { href: options.retryHref, label: 'Try again' }
    : { href: '/', label: 'Back to the app' };
  const html = renderPage(
    { title, message: failure.message, action, footnote: `Error ${failure.code} · request ${request.id}` },
    nonce,
  );
  return reply
    .header('content-security-policy', buildPageCsp(nonce))
    .type('text/html; charset=utf-8')
    .send(html);
}
