/**
 * What a request ended as, for metrics: the one error mapper (`sendError`) records the `BFF_*` code of
 * every refusal here, and the metrics hook reads it when the response is done. A WeakMap, so nothing is
 * added to fastify's request object and nothing outlives the request.
 */
import type { FastifyRequest } from 'fastify';
import type { BffErrorCode } from '../errors';

const failures = new WeakMap<FastifyRequest, BffErrorCode>();

export function recordFailure(request: FastifyRequest, code: BffErrorCode): void {
  failures.set(request, code);
}

/** The code this request was refused with, if it was. */
export function readFailure(request: FastifyRequest): BffErrorCode | undefined {
  return failures.get(request);
}

/**
 * What a callback was, for the login counters: `attempt` once it took a live login transaction of this
 * browser (its failure is a failed login), `replayed` for a repeat of a finished callback from the same
 * browser. A callback with neither mark (no live transaction: forged, stale, another browser's) is
 * counted as rejected, not as a failed login.
 */
export type CallbackKind = 'attempt' | 'replayed';

const callbacks = new WeakMap<FastifyRequest, CallbackKind>();

export function markCallback(request: FastifyRequest, kind: CallbackKind): void {
  callbacks.set(request, kind);
}

export function readCallbackKind(request: FastifyRequest): CallbackKind | undefined {
  return callbacks.get(request);
}
