/**
 * Per-IP rate limits on `/auth/login` and `/auth/callback` (SECURITY.md "Abuse and faults"): a fixed
 * window (`RATE_LIMIT_LOGIN`, `RATE_LIMIT_CALLBACK`, e.g. `30/1m`) counted in the store, so instances
 * sharing Redis share the limit. The client address is fastify's `request.ip`, which believes
 * `X-Forwarded-For` only from `TRUST_PROXY`, counted per client network: IPv6 by the prefix
 * `RATE_LIMIT_IPV6_PREFIX`, IPv4-mapped IPv6 as IPv4 (rate-limit/client-network.ts). A refusal says when
 * to come back (`Retry-After`).
 */
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../app-context';
import { RateLimitedError } from '../errors';
import { toClientNetwork } from '../rate-limit/client-network';

export async function checkRateLimit(
  ctx: AppContext,
  request: FastifyRequest,
  bucket: 'login' | 'callback',
): Promise<void> {
  const { limit, windowMs } = ctx.config.rateLimit[bucket];
  const now = ctx.clock();
  const client = toClientNetwork(request.ip, ctx.config.rateLimit.ipv6PrefixBits);
  const { count, resetAt } = await ctx.store.incrementCounter(`${bucket}:${client}`, windowMs, now);
  if (count > limit)
    throw new RateLimitedError(
      Math.max(1, Math.ceil((resetAt - now) / 1000)),
      `${bucket} limit ${limit} per ${windowMs} ms`,
    );
}
