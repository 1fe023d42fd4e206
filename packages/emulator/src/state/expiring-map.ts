/**
 * A map whose entries expire on the injected clock. Expired entries read as absent and are swept now and
 * then on write, so memory stays bounded under load without a timer keeping the process alive.
 */
import type { Clock } from '../clock';

export interface ExpiringMap<V> {
  get(key: string): V | undefined;
  set(key: string, value: V, expiresAt: number): void;
  delete(key: string): void;
  readonly size: number;
}

const SWEEP_INTERVAL_MS = 10_000;

export function createExpiringMap<V>(clock: Clock): ExpiringMap<V> {
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
