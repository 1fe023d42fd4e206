/**
 * A map whose entries expire on the injected clock. Expired entries read as absent and are swept now and
 * then on write, so memory stays bounded under load without a timer keeping the process alive. With
 * `maxEntries`, a write into a full map first sweeps, then drops the oldest entries (insertion order), so
 * a flood of requests cannot grow it without bound.
 */
import type { Clock } from '../clock';

export interface ExpiringMap<V> {
  get(key: string): V | undefined;
  set(key: string, value: V, expiresAt: number): void;
  delete(key: string): void;
  readonly size: number;
}

const SWEEP_INTERVAL_MS = 10_000;

export function createExpiringMap<V>(clock: Clock, maxEntries = Number.POSITIVE_INFINITY): ExpiringMap<V> {
  const entries = new Map<string, { value: V; expiresAt: number }>();
  let lastSweep = clock();

  function sweep(now: number): void {
    for (const [key, entry] of entries) if (entry.expiresAt <= now) entries.delete(key);
    lastSweep = now;
  }

  return {
    get(key) {
      const entry = entries.get(key);
      if (entry === undefined) return undefined;
      if (entry.expiresAt <= clock()) {
        entries.delete(key);
        return undefined;
      }
      return entry.value;
    },
    set(key, value, expiresAt) {
      const now = clock();
      if (now - lastSweep >= SWEEP_INTERVAL_MS) sweep(now);
      if (entries.size >= maxEntries && !entries.has(key)) {
        sweep(now);
        for (const oldest of entries.keys()) {
          if (entries.size < maxEntries) break;
          entries.delete(oldest);
        }
      }
      entries.set(key, { value, expiresAt });
    },
    delete(key) {
      entries.delete(key);
    },
    get size() {
      return entries.size;
    },
  };
}
