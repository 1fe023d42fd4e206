/**
 * Fail closed, uniformly: whatever a store throws (SQLite I/O error, Redis down, timeout) becomes
 * `BFF_STORE_UNAVAILABLE` (503) with the original error as `cause`, so no store failure is ever a 500 and
 * no implementation has to remember to map its errors. Each failure is also reported to `onFailure` (the
 * `sgid_bff_store_errors_total{operation}` counter).
 *
 * One layer with no `async` wrapper of its own: every request's store call goes through it, so it adds a
 * rejection handler to the store's promise and nothing to the path that succeeds.
 */
import { BffServerError } from '../errors';
import type { BffStore } from './store';

type Method = Exclude<keyof BffStore, 'kind'>;

export function guardStore(store: BffStore, onFailure: (operation: Method) => void = () => {}): BffStore {
  const guarded = { kind: store.kind } as Record<string, unknown>;
  for (const name of Object.keys(store) as Array<keyof BffStore>) {
    if (name === 'kind') continue;
    const method = store[name] as (...args: unknown[]) => Promise<unknown>;
    const fail = (cause: unknown): never => {
      onFailure(name);
      throw new BffServerError('BFF_STORE_UNAVAILABLE', {
        detail: `store ${store.kind}.${name} failed`,
        cause,
      });
    };
    guarded[name] = (...args: unknown[]) => {
      let pending: Promise<unknown>;
      try {
        pending = method.apply(store, args);
      } catch (cause) {
        // A store that throws before returning its promise fails the same way.
        pending = Promise.reject(cause);
      }
      return pending.then(undefined, fail);
    };
  }
  return guarded as unknown as BffStore;
}
