/**
 * Schedules the idle-expiry warning. Rules:
 * 1. The session ends at the earlier of `idleExpiresAt` and `expiresAt` (server clock, skew-corrected).
 * 2. Before warning, re-read the session without extending it: another tab or an `/api` call may have
 *    kept it alive, and a warning then would be false.
 * 3. At the deadline, re-read it again; the BFF's answer (anonymous → ended) is the truth.
 * 4. One warning per deadline.
 */
import type { ExpiryKind, ExpiryWarningEvent } from './session-events';

/** The deadlines the watcher needs from a session. */
export interface SessionDeadlines {
  expiresAt: string;
  idleExpiresAt: string;
}

/** When a session ends, and when to warn, in this device's clock (ms since epoch). */
export interface ExpiryPlan {
  kind: ExpiryKind;
  /** The deadline as the BFF wrote it. */
  expiresAt: string;
  endsAt: number;
  warnAt: number;
}

/** The plan for `session`, given the server clock's lead `skewMs` and the warning lead `warnBeforeMs`. */
export function planExpiry(session: SessionDeadlines, skewMs: number, warnBeforeMs: number): ExpiryPlan {
  const idle = Date.parse(session.idleExpiresAt);
  const absolute = Date.parse(session.expiresAt);
  const kind: ExpiryKind = idle < absolute ? 'idle' : 'absolute';
  const expiresAt = kind === 'idle' ? session.idleExpiresAt : session.expiresAt;
  const endsAt = Math.min(idle, absolute) - skewMs;
  return { kind, expiresAt, endsAt, warnAt: endsAt - warnBeforeMs };
}

/** What {@link createExpiryWatcher} needs: the warning lead, a clock, and how to re-read the session. */
export interface ExpiryWatcherOptions {
  warnBeforeMs: number;
  now: () => number;
  /** Re-read the session without extending it; its result re-schedules the watcher. */
  check: () => Promise<unknown>;
  onWarning: (event: ExpiryWarningEvent) => void;
}

/** Timers around one session's deadlines. */
export interface ExpiryWatcher {
  /** (Re)plan for the session as last read. */
  schedule(session: SessionDeadlines, skewMs: number): void;
  stop(): void;
}

// setTimeout fires at once for delays beyond 2^31-1 ms; long sessions re-plan at this horizon.
const MAX_DELAY_MS = 2_147_483_647;
// A little after the deadline, so the BFF has certainly expired the session when we ask.
const AFTER_DEADLINE_MS = 1000;
// When a check fails (offline), try again this often.
const RETRY_MS = 15_000;
// Never ask twice within this time: a BFF whose clock disagrees with ours must not cause a busy loop.
const MIN_CHECK_INTERVAL_MS = 5000;

/** Creates the timers that raise the expiry warning and notice the end of a session. */
export function createExpiryWatcher(options: ExpiryWatcherOptions): ExpiryWatcher {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let warnedFor: string | null = null;
  let plan: ExpiryPlan | null = null;
  let lastCheckAt = Number.NEGATIVE_INFINITY;

  const at = (time: number, run: () => void) => {
    clearTimeout(timer);
    const delay = Math.min(Math.max(0, time - options.now()), MAX_DELAY_MS);
    timer = setTimeout(run, delay);
  };

  const warn = (current: ExpiryPlan) => {
    const key = `${current.kind}:${current.expiresAt}`;
    if (warnedFor === key) return;
    warnedFor = key;
    const remainingMs = Math.max(0, current.endsAt - options.now());
    options.onWarning({
      type: 'expiry-warning',
      kind: current.kind,
      expiresAt: current.expiresAt,
      remainingMs,
    });
  };

  const checkOrRetry = (onFailure: () => void) => {
    lastCheckAt = options.now();
    options.check().catch(onFailure);
  };

  const checkAfterDeadline = (current: ExpiryPlan) => {
    const time = Math.max(current.endsAt + AFTER_DEADLINE_MS, lastCheckAt + MIN_CHECK_INTERVAL_MS);
    at(time, () => checkOrRetry(() => at(options.now() + RETRY_MS, run)));
  };

  const run = () => {
    const current = plan;
    if (current === null) return;
    const now = options.now();
    if (now >= current.warnAt) {
      if (now < current.endsAt) warn(current);
      checkAfterDeadline(current);
    } else {
      // Rule 2: look again at the warning time; the answer re-schedules. Offline: warn on the old plan.
      at(current.warnAt, () =>
        checkOrRetry(() => {
          warn(current);
          run();
        }),
      );
    }
  };

  return {
    schedule(session, skewMs) {
      plan = planExpiry(session, skewMs, options.warnBeforeMs);
      run();
    },
    stop() {
      clearTimeout(timer);
      timer = undefined;
      plan = null;
    },
  };
}
