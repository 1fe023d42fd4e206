/**
 * "Your sessions" (SECURITY.md "Sessions": a user's sessions can be listed and revoked individually or all
 * at once). Every endpoint needs the session and the CSRF header, and answers JSON errors with codes.
 * - `GET /auth/sessions` → `[{id, createdAt, lastSeenAt, device, current}]`, the current one first, then
 *   the most recently seen. `id` is a public handle (session/session-handle.ts), never the cookie or
 *   store key. `lastSeenAt` is derived from the idle expiry, so it is as fine as the idle timer's write
 *   step (≤ 1 min). Listing is not activity.
 * - `DELETE /auth/sessions/:id` → 204; ends one of *your* sessions (someone else's handle matches
 *   nothing, answered the same as an already-ended one: 204). Ending the current one clears its cookie.
 * - `POST /auth/sessions/revoke-others` → `{revoked: n}`; every session of this user but this one.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { AppContext } from '../app-context';
import { BffServerError } from '../errors';
import { serializeCookieDeletion } from '../http/cookies';
import type { BffMetrics } from '../observability/metrics';
import type { IdentityTokenCache } from '../proxy/identity-token-cache';
import { requireSession } from '../session/require-session';
import { isSessionHandle, toSessionHandle } from '../session/session-handle';
import { splitSessionPayload } from '../session/session-json';
import type { StoredSession } from '../store/store';

export interface SessionView {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  device: string;
  current: boolean;
}

export function registerSessionsRoutes(
  app: FastifyInstance,
  ctx: AppContext,
  metrics: BffMetrics,
  identityTokens?: IdentityTokenCache,
): void {
  const { idleTimeoutMs } = ctx.config.session;
  const needSession = (request: Parameters<typeof requireSession>[1], reply: FastifyReply) =>
    requireSession(ctx, request, reply, {
      extendIdle: false,
    });

  const toView = (s: StoredSession, currentHash: string): SessionView => ({
    id: toSessionHandle(s.idHash),
    createdAt: new Date(s.loginAt).toISOString(),
    lastSeenAt: new Date(Math.max(s.loginAt, s.idleExpiresAt - idleTimeoutMs)).toISOString(),
    device: splitSessionPayload(s.payload).meta.device ?? 'Unknown device',
    current: s.idHash === currentHash,
  });

  app.get('/auth/sessions', async (request, reply) => {
    const { session, now } = await needSession(request, reply);
    const views = (await ctx.store.listSessionsBySub(session.sub, now)).map((s) => toView(s, session.idHash));
    views.sort((a, b) => Number(b.current) - Number(a.current) || b.lastSeenAt.localeCompare(a.lastSeenAt));
    return reply.header('cache-control', 'no-store').send(views);
  });

  app.delete<{ Params: { id: string } }>('/auth/sessions/:id', async (request, reply) => {
    const { session, now } = await needSession(request, reply);
    const handle = request.params.id;
    if (!isSessionHandle(handle)) throw new BffServerError('BFF_BAD_REQUEST', { detail: 'not a session id' });
    const target = (await ctx.store.listSessionsBySub(session.sub, now)).find(
      (s) => toSessionHandle(s.idHash) === handle,
    );
    if (target) {
      await ctx.store.deleteSession(target.idHash);
      identityTokens?.forgetSession(target.idHash);
      metrics.sessionsEnded.inc({ reason: 'revoked' });
      request.log.info({ session: handle }, 'session revoked by its user');
      if (target.idHash === session.idHash)
        reply.header('set-cookie', serializeCookieDeletion(ctx.config.session.cookieName));
    }
    return reply.code(204).send();
  });

  app.post('/auth/sessions/revoke-others', async (request, reply) => {
    const { session, now } = await needSession(request, reply);
    const others = (await ctx.store.listSessionsBySub(session.sub, now)).filter(
      (s) => s.idHash !== session.idHash,
    );
    await Promise.all(others.map((s) => ctx.store.deleteSession(s.idHash)));
    for (const s of others) identityTokens?.forgetSession(s.idHash);
    metrics.sessionsEnded.inc({ reason: 'revoked_others' }, others.length);
    request.log.info({ revoked: others.length }, 'other sessions revoked by their user');
    return reply.header('cache-control', 'no-store').send({ revoked: others.length });
  });
}
