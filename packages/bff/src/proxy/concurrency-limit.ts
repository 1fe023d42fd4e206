/**
 * Proxied requests in flight per session, at most `max` (`API_MAX_CONCURRENT_PER_SESSION`): one user's
 * slow uploads or downloads cannot take every upstream connection from everyone else. A request over
 * the bound is refused at once (`429 BFF_TOO_MANY_CONCURRENT`) rather than queued: queueing would hold
 * a server connection and memory for it anyway. Counted per instance, in memory (a bound on this
 * process's resources; instances do not need to agree).
 */
import { BffServerError } from '../errors';

export interface ConcurrencyLimit {
  /** Takes a slot for `key`; answers its release (idempotent), or throws 429 when none is free. */
  acquire(key: string): () => void;
  /** Slots in use for `key` (for tests and metrics). */
  inFlight(key: string): number;
}

export function createConcurrencyLimit(max: number): ConcurrencyLimit {
  const counts = new Map<string, number>();
  return {
    acquire(key) {
      const count = counts.get(key) ?? 0;
      if (count >= max)
        throw new BffServerError('BFF_TOO_MANY_CONCURRENT', {
          detail: `${count} proxied requests in flight`,
        });
      counts.set(key, count + 1);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        const left = (counts.get(key) ?? 1) - 1;
        if (left <= 0) counts.delete(key);
        else counts.set(key, left);
      };
    },
    inFlight: (key) => counts.get(key) ?? 0,
  };
}
