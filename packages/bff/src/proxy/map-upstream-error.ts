/**
 * What a proxied call that got no answer tells the browser. Rules, in order:
 * 1. the browser's body broke a rule (read-body.ts): that rule's `413` or `408`;
 * 2. the deadline passed while the upstream waited for more of the browser's body:
 *    `408 BFF_REQUEST_BODY_TIMEOUT` (the browser is slow, not the upstream); otherwise past the deadline,
 *    `504 BFF_UPSTREAM_TIMEOUT`;
 * 3. a refusal the BFF raised itself passes unchanged, and is no outcome of the call (not counted);
 * 4. undici's own connect or headers timeout: `504 BFF_UPSTREAM_TIMEOUT`; anything else (refused, reset,
 *    unresolvable): `502 BFF_UPSTREAM_UNAVAILABLE`. Both keep the lower-layer error as `cause`.
 */
import { BffServerError } from '../errors';
import type { RequestBody } from './read-body';

const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT']);

export interface UpstreamFailure {
  readonly error: BffServerError;
  /** Whether the route's metrics count it as the call's outcome (false for rule 3). */
  readonly counted: boolean;
}

export function mapUpstreamError(
  error: unknown,
  call: {
    /** The route's prefix, for the private detail. */
    prefix: string;
    timeoutMs: number;
    /** The browser's body, when the request has one. */
    body: Pick<RequestBody, 'failure' | 'awaitsBrowser'> | undefined;
    /** True when the call was aborted because its deadline passed. */
    deadlinePassed: boolean;
  },
): UpstreamFailure {
  const { prefix, timeoutMs, body } = call;
  const broken = body?.failure();
  if (broken !== undefined) return { error: broken, counted: true };
  if (call.deadlinePassed) {
    const failure = body?.awaitsBrowser()
      ? new BffServerError('BFF_REQUEST_BODY_TIMEOUT', {
          detail: `${prefix}: body not in within ${timeoutMs} ms`,
        })
      : new BffServerError('BFF_UPSTREAM_TIMEOUT', { detail: `${prefix}: no answer within ${timeoutMs} ms` });
    return { error: failure, counted: true };
  }
  if (error instanceof BffServerError) return { error, counted: false };
  const code = (error as { code?: string }).code ?? '';
  const failure = TIMEOUT_CODES.has(code)
    ? new BffServerError('BFF_UPSTREAM_TIMEOUT', {
        detail: `${prefix}: no answer within ${timeoutMs} ms`,
        cause: error,
      })
    : new BffServerError('BFF_UPSTREAM_UNAVAILABLE', {
        detail: `${prefix}: ${code || 'failed'}`,
        cause: error,
      });
  return { error: failure, counted: true };
}
