/**
 * The login and session counters, counted where logins and sessions happen: routes and the session
 * steps call `ctx.events`, which app.ts wires to the metrics (as the store guard reports its failures).
 * Nothing is re-derived from route strings or status codes afterwards, so a route that moves or changes
 * its answer cannot silently change what is counted.
 */
import type { ProviderName } from '@sgid-bff/protocol';
import type { BffErrorCode } from '../errors';
import { outcomeOf } from '../login/read-provider-outcome';
import type { BffMetrics, SessionEndReason } from './metrics';

export interface AuthEvents {
  /** A login transaction was created (a redirect to the provider, or its URL answered). */
  loginStarted(): void;
  /** A callback that took its live transaction ended in a session. */
  loginSucceeded(provider: ProviderName): void;
  /** A callback that took its live transaction did not end in a session (declines included). */
  loginFailed(code: BffErrorCode, provider: ProviderName): void;
  /** A callback refused before any transaction of this browser was taken: forged, stale, rate-limited. */
  callbackRejected(code: BffErrorCode): void;
  /** A repeat of a finished callback by the same browser, answered with what that callback did. */
  callbackReplayed(): void;
  sessionCreated(): void;
  /** `count` sessions ended (default one), by the BFF or found expired. */
  sessionEnded(reason: SessionEndReason, count?: number): void;
  /** A request presented the cookie of a session that had ended; the cookie is cleared. */
  endedSessionCookie(): void;
}

export function countAuthEvents(metrics: BffMetrics): AuthEvents {
  return {
    loginStarted: () => metrics.loginsStarted.inc(),
    loginSucceeded: (provider) => {
      metrics.loginsSucceeded.inc();
      metrics.logins.inc({ provider, outcome: 'succeeded', code: 'none' });
    },
    loginFailed: (code, provider) => {
      metrics.loginsFailed.inc({ reason: code });
      metrics.logins.inc({ provider, outcome: outcomeOf(code), code });
    },
    callbackRejected: (code) => metrics.callbacksRejected.inc({ reason: code }),
    callbackReplayed: () => metrics.callbacksReplayed.inc(),
    sessionCreated: () => metrics.sessionsCreated.inc(),
    sessionEnded: (reason, count = 1) => metrics.sessionsEnded.inc({ reason }, count),
    endedSessionCookie: () => metrics.endedSessionCookies.inc(),
  };
}
