/**
 * A bounded memory of identifiers already seen (client assertion `jti`, §8.2 row 3; DPoP `jti` per key
 * thumbprint, row 5), each kept until its own expiry. Bounded like every other store (expiring-map):
 * a flood of fresh identifiers evicts the oldest instead of growing memory, which can only let a very
 * old replay through — never reject a fresh proof.
 */
import type { Clock } from '../../clock';
import { createExpiringMap } from '../../state/expiring-map';

export const MAX_REMEMBERED_IDS = 50_000;

export interface ReplayStore {
  /** Record `key` until `expiresAt` (ms); false when it was already recorded (a replay). */
  remember(key: string, expiresAt: number): boolean;
  readonly size: number;
}

export function createReplayStore(clock: Clock, maxEntries = MAX_REMEMBERED_IDS): ReplayStore {
  const seen = createExpiringMap<true>(clock, maxEntries);
  return {
    remember(key, expiresAt) {
      if (seen.get(key) !== undefined) return false;
      seen.set(key, true, expiresAt);
      return true;
    },
    get size() {
      return seen.size;
    },
  };
}
