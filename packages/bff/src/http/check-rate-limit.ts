/**
 * Per-IP rate limits on `/auth/login` and `/auth/callback` (SECURITY.md "Abuse and faults"): a fixed
 * one-minute window counted in the store, so instances sharing Redis share the limit.
 */
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../app-context';
import { BffError } from '../errors';

const WINDOW_MS = 60_000;

export async function checkRateLimit(
  ctx: AppContext,
  request: FastifyRequest,
  bucket: 'login' | 'callback',
  limit: number,
): Promise<void> {
  const { count } = await ctx.store.incrementCounter(`${bucket}:${request.ip}`, WINDOW_MS, ctx.clock());
  if (count > limit) throw new BffError('BFF_RATE_LIMITED', { detail: `${bucket} limit ${limit}/min` });
}
