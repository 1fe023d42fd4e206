/**
 * Operator credentials (`ADMIN_TOKEN`, `METRICS_TOKEN`) as `Authorization: Bearer <token>`:
 * - compared in constant time over SHA-256 digests, so neither the content nor the length leaks;
 * - a missing or wrong token is `401 BFF_OPERATOR_UNAUTHORIZED` with `WWW-Authenticate: Bearer`.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { BffError } from '../errors';
import type { Secret } from '../secret';

export function checkBearer(request: FastifyRequest, reply: FastifyReply, expected: Secret): void {
  const header = request.headers.authorization ?? '';
  const presented = header.startsWith('Bearer ') ? header.slice(7).trim() : '';
  const digest = (value: string) => createHash('sha256').update(value).digest();
  if (presented === '' || !timingSafeEqual(digest(presented), digest(expected.reveal()))) {
    reply.header('www-authenticate', 'Bearer realm="sgid-bff"');
    throw new BffError('BFF_OPERATOR_UNAUTHORIZED', {
      detail: presented ? 'wrong token' : 'no bearer token',
    });
  }
}
