/**
 * Fail closed, uniformly: whatever a store throws (SQLite I/O error, Redis down, timeout) becomes
 * `BFF_STORE_UNAVAILABLE` (503) with the original error as `cause`, so no store failure is ever a 500 and
 * no implementation has to remember to map its errors. Each failure is also reported to `onFailure` (the
 * `sgid_bff_store_errors_total{operation}` counter).
 *
 * One layer with no `async` wrapper of its own: every request's store call goes through it, so it adds a
 * rejection handler to the store's promise and nothing to the path that succeeds.
 *
 * Inside a traced request each call is also a client span `store.<method>` (with the store's kind, and
 * `BFF_STORE_UNAVAILABLE` when it fails): never its arguments, which are hashes of the browser's secrets.
 * Outside one (the sweeper, readiness pings) no span is made.
 */
import { context, SpanKind, type Tracer, trace } from '@opentelemetry/api';
import { BffServerError } from '../errors';
import { hasActiveSpan, recordSpanFailure, TRACE_ATTRIBUTES } from '../observability/tracing';
import type { BffStore } from './store';

type Method = Exclude<keyof BffStore, 'kind'>;

export function guardStore(
  store: BffStore,
  onFailure: (operation: Method) => void = () => {},
  tracer?: Tracer,
): BffStore {
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
    const call = (args: unknown[]) => {
      let pending: Promise<unknown>;
      try {
        pending = method.apply(store, args);
      } catch (cause) {
        // A store that throws before returning its promise fails the same way.
        pending = Promise.reject(cause);
      }
      return pending.then(undefined, fail);
    };
    const spanName = `store.${name}`;
    guarded[name] = (...args: unknown[]) => {
      if (tracer === undefined || !hasActiveSpan()) return call(args);
      const span = tracer.startSpan(spanName, {
        kind: SpanKind.CLIENT,
        attributes: { [TRACE_ATTRIBUTES.store]: store.kind },
      });
      return context
        .with(trace.setSpan(context.active(), span), () => call(args))
        .then(
          (value) => {
            span.end();
            return value;
          },
          (error: unknown) => {
            recordSpanFailure(span, error);
            span.end();
            throw error;
          },
        );
    };
  }
  return guarded as unknown as BffStore;
}
