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
