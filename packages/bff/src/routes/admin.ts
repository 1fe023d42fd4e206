/**
 * Operator endpoint: `POST /admin/sessions/revoke {"sub": "...", "provider"?: "singpass"}` ends every
 * session of a subject on every instance (e.g. an account reported compromised). Subjects are per provider
 * (session/subject-key.ts); without `provider` the subject is sgID's, as before providers had names. Served only when `ADMIN_TOKEN` is set — otherwise
 * there is no such route (404) — and only with that token as a bearer (constant-time compare). No cookie
 * is involved, so it needs no CSRF header. Answers `{revoked: n}`. The log carries the count, never the sub.
 */

import { PROVIDER_NAMES } from '@sgid-bff/protocol';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../app-context';
import { BffServerError } from '../errors';
import { checkBearer } from '../http/check-bearer';
import type { BffMetrics } from '../observability/metrics';
import type { IdentityTokenCache } from '../proxy/identity-token-cache';
import { subjectKeyOf } from '../session/subject-key';

const RevokeBody = z
  .object({ sub: z.string().min(1).max(256), provider: z.enum(PROVIDER_NAMES).optional() })
  .strict();

export function registerAdminRoutes(
  app: FastifyInstance,
  ctx: AppContext,
  metrics: BffMetrics,
  identityTokens?: IdentityTokenCache,
): void {
  const token = ctx.config.adminToken;
  if (!token) return;

  app.post('/admin/sessions/revoke', async (request, reply) => {
    checkBearer(request, reply, token);
    const body = RevokeBody.safeParse(request.body);
    if (!body.success)
      throw new BffServerError('BFF_BAD_REQUEST', { detail: 'expected {"sub": "...", "provider"?: "..."}' });
    const subjectKey = subjectKeyOf(body.data.provider ?? 'sgid', body.data.sub);
    const revoked = await ctx.store.deleteSessionsBySub(subjectKey);
    identityTokens?.forgetSubject(subjectKey);
    metrics.sessionsEnded.inc({ reason: 'admin_revoked' }, revoked);
    request.log.warn({ revoked }, 'admin revoked every session of a subject');
    return reply.header('cache-control', 'no-store').send({ revoked });
  });
}
