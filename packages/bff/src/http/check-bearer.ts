/**
 * Operator credentials (`ADMIN_TOKEN`, `METRICS_TOKEN`) as `Authorization: Bearer <token>`:
 * - the scheme is case-insensitive (RFC 7235 §2.1: `bearer`, `BEARER` and `Bearer` are one scheme);
 * - compared in constant time over SHA-256 digests, so neither the content nor the length leaks;
 * - a missing or wrong token is `401 BFF_OPERATOR_UNAUTHORIZED` with `WWW-Authenticate: Bearer`.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { BffServerError } from '../errors';
import type { Secret } from '../secret';

const BEARER = /^bearer +(.+)$/i;

export function checkBearer(request: FastifyRequest, reply: FastifyReply, expected: Secret): void {
  const header = request.headers.authorization ?? '';
  const presented = BEARER.exec(header)?.[1]?.trim() ?? '';
  const digest = (value: string) => createHash('sha256').update(value).digest();
  if (presented === '' || !timingSafeEqual(digest(presented), digest(expected.reveal()))) {
    reply.header('www-authenticate', 'Bearer realm="sgid-bff"');
    throw new BffServerError('BFF_OPERATOR_UNAUTHORIZED', {
      detail: presented ? 'wrong token' : 'no bearer token',
    });
  }
}
