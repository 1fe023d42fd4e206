/**
 * `requireSession()` for the host app's own routes (docs/embedding.md), in one framework-free step that
 * the Connect/Express middleware and the Fastify preHandler both call. Rules, those of `/api/*`
 * (session/require-session.ts):
 * - CSRF: `X-CSRF: 1` and no cross-site `Origin`/`Sec-Fetch-Site` on every request (`csrf: 'always'`), or
 *   only on unsafe methods (`csrf: 'unsafe-methods'`, for routes a browser navigates to);
 * - a live session: idle and absolute expiry judged by the BFF's clock, the idle timer slides, a revoked or
 *   logged-out session is refused on the next request (nothing cached); a dead cookie is cleared;
 * - refusals are the BFF's error shape `{ code, message, requestId }`, never a redirect.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import type { AuthenticatedSession } from '@sgid-bff/protocol';
import type { FastifyBaseLogger } from 'fastify';
import type { AppContext } from '../app-context';
import type { BffServerError } from '../errors';
import { toBffServerError } from '../http/send-error';
import { requireSessionOf } from '../session/require-session';
import { renderSessionJson } from '../session/session-json';

/**
 * The logged-in user as the host's routes see it: what `GET /auth/session` answers for a live session
 * (`AuthenticatedSession` of @sgid-bff/protocol). Narrow on `provider` for the provider's data.
 */
export type BffSession = AuthenticatedSession;

export interface RequireSessionOptions {
  /**
   * `'always'` (default, as `/api/*`): every request needs `X-CSRF: 1` and must not be cross-site.
   * `'unsafe-methods'`: GET, HEAD and OPTIONS skip those checks (pages a browser navigates to).
   */
  csrf?: 'always' | 'unsafe-methods';
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export type HostSessionResult =
  | { readonly ok: true; readonly session: BffSession }
  | { readonly ok: false; readonly error: BffServerError };

export async function checkHostSession(
  ctx: AppContext,
  request: { readonly method?: string | undefined; readonly headers: IncomingHttpHeaders },
  options: RequireSessionOptions,
  setCookie: (value: string) => void,
): Promise<HostSessionResult> {
  const csrf = options.csrf !== 'unsafe-methods' || !SAFE_METHODS.has(request.method ?? 'GET');
  try {
    const { session } = await requireSessionOf(ctx, request, { extendIdle: true, csrf }, setCookie);
    // The payload is the BFF's own encoding of a typed identity (session-json.ts), parsed back whole.
    const json = renderSessionJson(session.payload, session.absoluteExpiresAt, session.idleExpiresAt);
    return { ok: true, session: JSON.parse(json) as BffSession };
  } catch (error) {
    return { ok: false, error: toBffServerError(error) };
  }
}

/** Log a refusal or failure the way the BFF does (5xx with its cause, 4xx without), then its JSON. */
export function sendHostError(
  log: FastifyBaseLogger,
  res: ServerResponse,
  error: BffServerError,
  requestId: string = randomUUID(),
): void {
  if (error.status >= 500)
    log.error(
      { errorCode: error.code, detail: error.detail, err: error.cause ?? error, requestId },
      'request failed',
    );
  else log.info({ errorCode: error.code, detail: error.detail, requestId }, 'request refused');
  const body = JSON.stringify({ code: error.code, message: error.message, requestId });
  res.statusCode = error.status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('cache-control', 'no-store');
  res.setHeader('x-request-id', requestId);
  res.end(body);
}

declare global {
  // Express's own request type, merged (as @types/passport does): `req.bffSession` after requireSession().
  namespace Express {
    interface Request {
      bffSession?: BffSession;
    }
  }
}
