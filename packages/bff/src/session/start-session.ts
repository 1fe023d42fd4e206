/**
 * A new session at every login (fixation defence): a fresh 256-bit id, stored under its hash; the
 * browser's previous session, if any, is destroyed server-side.
 */
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../app-context';
import { createToken, hashToken } from '../crypto/tokens';
import { inSpan, TRACE_ATTRIBUTES } from '../observability/tracing';
import type { ProviderIdentity } from '../providers/provider';
import { readSessionCookie, sessionSetCookie } from './session-cookie';
import { encodeSessionPayload, type SessionMeta } from './session-json';
import { subjectKeyOf } from './subject-key';

/** Create the session; answers its id (for the callback receipt) and the `Set-Cookie` handing it over. */
export async function startSession(
  ctx: AppContext,
  request: FastifyRequest,
  identity: ProviderIdentity,
  meta?: SessionMeta,
): Promise<{ sessionId: string; cookie: string }> {
  return inSpan(ctx.tracer, 'session.create', { [TRACE_ATTRIBUTES.provider]: identity.provider }, () =>
    createSession(ctx, request, identity, meta),
  );
}

async function createSession(
  ctx: AppContext,
  request: FastifyRequest,
  identity: ProviderIdentity,
  meta: SessionMeta | undefined,
): Promise<{ sessionId: string; cookie: string }> {
  const { session: settings } = ctx.config;
  const previous = readSessionCookie(settings, request);
  if (previous.status === 'present') {
    await ctx.store.deleteSession(previous.idHash);
    ctx.events.sessionEnded('replaced');
  }
  const sessionId = createToken(ctx.random);
  const now = ctx.clock();
  const absoluteExpiresAt = now + settings.absoluteTimeoutMs;
  await ctx.store.createSession({
    idHash: hashToken(sessionId),
    sub: subjectKeyOf(identity.provider, identity.sub),
    payload: encodeSessionPayload(identity, now, meta),
    loginAt: now,
    idleExpiresAt: Math.min(now + settings.idleTimeoutMs, absoluteExpiresAt),
    absoluteExpiresAt,
  });
  ctx.events.sessionCreated();
  return { sessionId, cookie: sessionSetCookie(settings, sessionId) };
}
