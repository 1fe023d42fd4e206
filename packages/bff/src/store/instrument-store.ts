/**
 * Counts store failures for `sgid_bff_store_errors_total{operation}`; everything else passes through.
 * Sits under `guardStore`, which turns the same failures into `503 BFF_STORE_UNAVAILABLE`.
 */
import type { BffMetrics } from '../observability/metrics';
import type { BffStore } from './store';

export function instrumentStore(store: BffStore, metrics: BffMetrics): BffStore {
  const wrapped = { kind: store.kind } as Record<string, unknown>;
  for (const name of Object.keys(store) as Array<keyof BffStore>) {
    if (name === 'kind') continue;
    const method = store[name] as (...args: unknown[]) => Promise<unknown>;
    wrapped[name] = async (...args: unknown[]) => {
      try {
        return await method.apply(store, args);
      } catch (error) {
        metrics.storeErrors.inc({ operation: name });
        throw error;
      }
    };
  }
  return wrapped as unknown as BffStore;
}
