/**
 * Fail closed, uniformly: whatever a store throws (SQLite I/O error, Redis down, timeout) becomes
 * `BFF_STORE_UNAVAILABLE` (503) with the original error as `cause`, so no store failure is ever a 500 and
 * no implementation has to remember to map its errors.
 */
import { BffError } from '../errors';
import type { BffStore } from './store';

type Method = Exclude<keyof BffStore, 'kind'>;

export function guardStore(store: BffStore): BffStore {
  const guarded = { kind: store.kind } as Record<string, unknown>;
  for (const name of Object.keys(store) as Array<keyof BffStore>) {
    if (name === 'kind') continue;
    const method = store[name as Method] as (...args: unknown[]) => Promise<unknown>;
    guarded[name] = async (...args: unknown[]) => {
      try {
        return await method.apply(store, args);
      } catch (cause) {
        throw new BffError('BFF_STORE_UNAVAILABLE', { detail: `store ${store.kind}.${name} failed`, cause });
      }
    };
  }
  return guarded as unknown as BffStore;
}
