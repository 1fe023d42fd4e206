/**
 * Cross-tab sync over BroadcastChannel. Tabs tell each other only *that* something happened and the
 * session's deadlines — never personal data — and each tab asks the BFF itself when it needs more.
 */
import { type BffRequestErrorCode, readErrorCode } from './errors';
import type { SessionEndReason } from './session-events';

/** The part of `BroadcastChannel` the SDK uses; inject a fake in tests or another transport. */
export interface CrossTabChannel {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  close(): void;
}

/** Opens the channel named `name`; returns `null` when the platform has none. */
export type CrossTabChannelFactory = (name: string) => CrossTabChannel | null;

/** What one tab tells the others. */
export type CrossTabMessage =
  | { type: 'ended'; reason: SessionEndReason; code: BffRequestErrorCode | null }
  | { type: 'session'; sub: string; expiresAt: string; idleExpiresAt: string };

const PROTOCOL_VERSION = 1;

/** The platform's BroadcastChannel, when there is one (browsers, Node ≥ 18). */
export const openBroadcastChannel: CrossTabChannelFactory = (name) =>
  typeof globalThis.BroadcastChannel === 'function' ? new globalThis.BroadcastChannel(name) : null;

/** Wraps a raw message for the wire, with a version so tabs running different SDK builds ignore each other. */
export function encodeCrossTabMessage(message: CrossTabMessage): unknown {
  return { v: PROTOCOL_VERSION, ...message };
}

/** The message carried by `data`, or `null` for anything this SDK version did not send. */
export function decodeCrossTabMessage(data: unknown): CrossTabMessage | null {
  if (typeof data !== 'object' || data === null) return null;
  const m = data as Record<string, unknown>;
  if (m.v !== PROTOCOL_VERSION) return null;
  if (m.type === 'ended') {
    const reasonOk =
      m.reason === 'logout' ||
      m.reason === 'ended-elsewhere' ||
      m.reason === 'expired' ||
      m.reason === 'rejected';
    const codeOk = m.code === null || typeof m.code === 'string';
    return reasonOk && codeOk
      ? {
          type: 'ended',
          reason: m.reason as SessionEndReason,
          code: typeof m.code === 'string' ? readErrorCode(m.code) : null,
        }
      : null;
  }
  if (m.type === 'session') {
    const { sub, expiresAt, idleExpiresAt } = m;
    if (typeof sub !== 'string' || typeof expiresAt !== 'string' || typeof idleExpiresAt !== 'string') {
      return null;
    }
    return { type: 'session', sub, expiresAt, idleExpiresAt };
  }
  return null;
}
