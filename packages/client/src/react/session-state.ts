/**
 * The session as a React app sees it, derived from the SDK's events by one pure reducer (so every
 * transition is unit tested without a DOM).
 */
import type { AuthenticatedSession } from '@sgid-bff/protocol';
import type { BffRequestError } from '../errors';
import type { ExpiryWarningEvent, SessionChangeEvent, SessionEndedEvent } from '../session-events';

/**
 * - `loading`: the first read of the session is under way.
 * - `authenticated`: logged in; `session` is set.
 * - `anonymous`: not logged in (never was, or logged out: then `ended.reason` is `logout`).
 * - `expired`: a session this app had has ended without a logout here: timed out (`ended.reason`
 *   `expired`/`rejected`) or ended on another device or by an administrator (`ended-elsewhere`).
 * - `error`: the first read failed; `error` says why.
 */
export type SessionStatus = 'loading' | 'authenticated' | 'anonymous' | 'expired' | 'error';

/** What {@link reduceSessionState} keeps. */
export interface SessionState {
  status: SessionStatus;
  session: AuthenticatedSession | null;
  /** The last failure reading the session, cleared by the next successful read. */
  error: BffRequestError | null;
  /** Set while the session is about to end; cleared when it is extended or ends. */
  expiryWarning: ExpiryWarningEvent | null;
  /** How the last session ended, until a new one starts. */
  ended: SessionEndedEvent | null;
}

/** The state before the first read. */
export const initialSessionState: SessionState = {
  status: 'loading',
  session: null,
  error: null,
  expiryWarning: null,
  ended: null,
};

const endsAt = (session: AuthenticatedSession) =>
  Math.min(Date.parse(session.expiresAt), Date.parse(session.idleExpiresAt));

/** A warning stays until the session's end has moved past the deadline it warned about. */
function keepWarning(warning: ExpiryWarningEvent | null, session: AuthenticatedSession) {
  if (warning === null) return null;
  return endsAt(session) > Date.parse(warning.expiresAt) ? null : warning;
}

/** The next state after an SDK event. */
export function reduceSessionState(state: SessionState, event: SessionChangeEvent): SessionState {
  switch (event.type) {
    case 'session': {
      const { session } = event;
      if (session.authenticated) {
        const sameUser = state.session?.sub === session.sub;
        const expiryWarning = sameUser ? keepWarning(state.expiryWarning, session) : null;
        return { status: 'authenticated', session, error: null, expiryWarning, ended: null };
      }
      // An "expired" screen stays until the user acts on it; a later anonymous read doesn't hide it.
      const status = state.status === 'expired' ? 'expired' : 'anonymous';
      return { ...state, status, session: null, error: null, expiryWarning: null };
    }
    case 'ended': {
      const hadSession = state.status === 'authenticated' || state.status === 'expired';
      const expired = event.reason !== 'logout' && (hadSession || event.reason === 'ended-elsewhere');
      return {
        status: expired ? 'expired' : 'anonymous',
        session: null,
        error: null,
        expiryWarning: null,
        ended: event,
      };
    }
    case 'expiry-warning':
      return state.status === 'authenticated' ? { ...state, expiryWarning: event } : state;
    case 'error': {
      const status = state.status === 'loading' || state.status === 'error' ? 'error' : state.status;
      return { ...state, status, error: event.error };
    }
  }
}
