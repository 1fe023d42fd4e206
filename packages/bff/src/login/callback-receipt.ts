/**
 * A repeated callback from the same browser (a double navigation whose first answer the browser
 * dropped, the back button, a remote-isolation browser that followed the redirect first) lands in the
 * app with the session the first callback created, instead of "login expired". Rules:
 * - when a callback consumes its transaction, a receipt is saved under the same state hash until the
 *   transaction's own expiry (never longer than `LOGIN_TTL`): pending, then done (session X) or failed;
 * - a repeat is recognised only with the same `state` AND proof that it is the same browser: the same
 *   binding (login cookie) or the cookie of session X itself; anything else is refused as before;
 * - it creates nothing: it answers session X only while X is alive, and hands X's cookie only to the
 *   holder of the binding — X's id is stored sealed (AES-256-GCM) under a key derived from the binding
 *   and the state, which the store never sees (it keeps their hashes), so a store dump yields no session;
 * - a repeat that arrives while the first is still running waits (bounded) for its receipt; only the
 *   binding holder waits, so nobody else can hold requests open.
 */
import { createCipheriv, createDecipheriv, hkdfSync } from 'node:crypto';
import { BFF_ERROR_CODES } from '@sgid-bff/protocol';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../app-context';
import { hashToken, isTokenShaped } from '../crypto/tokens';
import type { BffErrorCode } from '../errors';
import { readCookie } from '../http/cookies';
import { readSessionCookie } from '../session/session-cookie';

const Receipt = z.discriminatedUnion('status', [
  z.object({ status: z.literal('pending') }),
  z.object({ status: z.literal('failed'), code: z.enum(BFF_ERROR_CODES), returnTo: z.string() }),
  z.object({
    status: z.literal('done'),
    sessionIdHash: z.string(),
    sealedSessionId: z.string(),
    returnTo: z.string(),
  }),
]);
type Receipt = z.infer<typeof Receipt>;

/** What a recognised repeat answers: back to `returnTo`, with session X's cookie when the browser lacks it. */
export type Replay =
  | { kind: 'done'; returnTo: string; sessionId: string | undefined }
  | { kind: 'failed'; returnTo: string; code: BffErrorCode };

const POLL_MS = 50;

/** Where the receipt is being written: the first callback, after it consumed its transaction. */
export interface ReceiptWriter {
  pending(): Promise<void>;
  done(sessionId: string, returnTo: string): Promise<void>;
  failed(code: BffErrorCode, returnTo: string): Promise<void>;
}

/** A writer for the callback that consumed `state`, bound by the login cookie `binding`, until `expiresAt`. */
export function createReceiptWriter(
  ctx: AppContext,
  state: string,
  binding: string,
  expiresAt: number,
): ReceiptWriter {
  const save = (receipt: Receipt) =>
    ctx.store.saveCallbackReceipt(
      {
        stateHash: hashToken(state),
        bindingHash: hashToken(binding),
        payload: JSON.stringify(receipt),
        expiresAt,
      },
      ctx.clock(),
    );
  return {
    pending: () => save({ status: 'pending' }),
    done: (sessionId, returnTo) =>
      save({
        status: 'done',
        sessionIdHash: hashToken(sessionId),
        sealedSessionId: seal(ctx, sessionId, binding, state),
        returnTo,
      }),
    failed: (code, returnTo) => save({ status: 'failed', code, returnTo }),
  };
}

/**
 * The repeat this callback is, if it is one from the same browser; `undefined` otherwise (the caller
 * refuses it as it refuses any callback without a live transaction).
 */
export async function findReplay(
  ctx: AppContext,
  request: FastifyRequest,
  state: string,
): Promise<Replay | undefined> {
  if (!isTokenShaped(state)) return undefined;
  const binding = readCookie(request.headers.cookie, ctx.config.transaction.cookieName);
  const bindingHash = binding && isTokenShaped(binding) ? hashToken(binding) : undefined;
  const sessionCookie = readSessionCookie(ctx.config.session, request);
  const heldSessionHash = sessionCookie.status === 'present' ? sessionCookie.idHash : undefined;
  // The first callback may still be exchanging the code: wait about as long as it can take.
  const slowest = Math.max(ctx.config.sgid?.timeoutMs ?? 0, ctx.config.singpass?.timeoutMs ?? 0);
  const polls = Math.ceil((3 * slowest + 1000) / POLL_MS);
  for (let poll = 0; poll <= polls; poll++) {
    const stored = await ctx.store.readCallbackReceipt(hashToken(state), ctx.clock());
    if (stored === undefined) return undefined;
    const sameBinding = bindingHash !== undefined && stored.bindingHash === bindingHash;
    const receipt = Receipt.parse(JSON.parse(stored.payload));
    if (receipt.status === 'pending') {
      if (!sameBinding) return undefined;
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      continue;
    }
    if (receipt.status === 'failed')
      return sameBinding ? { kind: 'failed', returnTo: receipt.returnTo, code: receipt.code } : undefined;
    const holdsSession = heldSessionHash === receipt.sessionIdHash;
    if (!sameBinding && !holdsSession) return undefined;
    if ((await ctx.store.readSession(receipt.sessionIdHash, ctx.clock())) === undefined) return undefined;
    if (holdsSession) return { kind: 'done', returnTo: receipt.returnTo, sessionId: undefined };
    const sessionId = unseal(receipt.sealedSessionId, binding ?? '', state);
    if (sessionId === undefined || hashToken(sessionId) !== receipt.sessionIdHash) return undefined;
    return { kind: 'done', returnTo: receipt.returnTo, sessionId };
  }
  return undefined;
}

function sealingKey(binding: string, state: string): Buffer {
  return Buffer.from(hkdfSync('sha256', binding, state, 'sgid-bff callback receipt v1', 32));
}

function seal(ctx: AppContext, sessionId: string, binding: string, state: string): string {
  const iv = Buffer.from(ctx.random(12));
  const cipher = createCipheriv('aes-256-gcm', sealingKey(binding, state), iv);
  const sealed = Buffer.concat([cipher.update(sessionId, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, sealed, cipher.getAuthTag()]).toString('base64url');
}

function unseal(text: string, binding: string, state: string): string | undefined {
  try {
    const bytes = Buffer.from(text, 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', sealingKey(binding, state), bytes.subarray(0, 12));
    decipher.setAuthTag(bytes.subarray(bytes.length - 16));
    return Buffer.concat([decipher.update(bytes.subarray(12, bytes.length - 16)), decipher.final()]).toString(
      'utf8',
    );
  } catch {
    return undefined;
  }
}
