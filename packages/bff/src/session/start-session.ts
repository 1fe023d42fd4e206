/**
 * A new session at every login (fixation defence): a fresh 256-bit id, stored under its hash; the
 * browser's previous session, if any, is destroyed server-side.
 */
import type { AppContext } from '../app-context';
import { createToken, hashToken, isTokenShaped } from '../crypto/tokens';
import type { LoginIdentity } from '../provider/provider-client';
import { encodeSessionPayload, type SessionMeta } from './session-json';

/** Create the session; answers the new cookie value. */
export async function startSession(
  ctx: AppContext,
  identity: LoginIdentity,
  previousId: string | undefined,
  meta?: SessionMeta,
): Promise<string> {
  const { idleTimeoutMs, absoluteTimeoutMs } = ctx.config.session;
  if (previousId && isTokenShaped(previousId)) await ctx.store.deleteSession(hashToken(previousId));
  const id = createToken(ctx.random);
  const now = ctx.clock();
  const absoluteExpiresAt = now + absoluteTimeoutMs;
  await ctx.store.createSession({
    idHash: hashToken(id),
    sub: identity.sub,
    payload: encodeSessionPayload(identity, now, meta),
    loginAt: now,
    idleExpiresAt: Math.min(now + idleTimeoutMs, absoluteExpiresAt),
    absoluteExpiresAt,
  });
  return id;
}
