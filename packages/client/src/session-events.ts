/** What {@link BffClient.onSessionChange} listeners receive. */
import type { AuthenticatedSession, SessionResponse } from '@sgid-bff/protocol';
import type { BffRequestError, BffRequestErrorCode } from './errors';

/** Where an event started: this tab, or another tab of the same origin (via BroadcastChannel). */
export type EventSource = 'this-tab' | 'other-tab';

/** The session as the BFF last described it (login noticed, refreshed, or extended). */
export interface SessionUpdatedEvent {
  type: 'session';
  session: SessionResponse;
  source: EventSource;
}

/**
 * Why a session stopped:
 * - `logout`: the user logged out, here or in another tab;
 * - `ended-elsewhere`: the BFF reports this browser anonymous (or answers 401) while the session's own
 *   deadlines had not passed and nobody logged out in this browser: it was ended on another device, by
 *   "log out everywhere" or by an administrator;
 * - `expired`: the BFF reports the browser anonymous after it had a session whose deadline has passed;
 * - `rejected`: the BFF answered 401 and there was no live session to judge by.
 */
export type SessionEndReason = 'logout' | 'ended-elsewhere' | 'expired' | 'rejected';

/** The session is over. */
export interface SessionEndedEvent {
  type: 'ended';
  reason: SessionEndReason;
  /** The BFF's error code when it refused the session, e.g. `BFF_UNAUTHENTICATED`; otherwise `null`. */
  code: BffRequestErrorCode | null;
  source: EventSource;
}

/** Which limit is about to end the session: inactivity (extendable) or the absolute lifetime (not). */
export type ExpiryKind = 'idle' | 'absolute';

/** The session ends soon unless the user does something (for `idle`). */
export interface ExpiryWarningEvent {
  type: 'expiry-warning';
  kind: ExpiryKind;
  /** When the session ends, ISO 8601, in the BFF's clock as reported. */
  expiresAt: string;
  /** Milliseconds left when the warning was raised (corrected for clock skew). */
  remainingMs: number;
}

/** Reading the session failed (network, BFF unavailable); the last known state is unchanged. */
export interface SessionErrorEvent {
  type: 'error';
  error: BffRequestError;
}

/** Every event {@link BffClient.onSessionChange} delivers. */
export type SessionChangeEvent =
  | SessionUpdatedEvent
  | SessionEndedEvent
  | ExpiryWarningEvent
  | SessionErrorEvent;

/** A listener of {@link BffClient.onSessionChange}. */
export type SessionChangeListener = (event: SessionChangeEvent) => void;

/** Whether `session` is logged in. */
export function isAuthenticated(
  session: SessionResponse | null | undefined,
): session is AuthenticatedSession {
  return session?.authenticated === true;
}
