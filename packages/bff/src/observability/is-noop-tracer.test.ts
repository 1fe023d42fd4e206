import { trace } from '@opentelemetry/api';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import { afterEach, describe, expect, it } from 'vitest';
import { getDefaultTracer, isNoopTracer } from './tracing';

describe('isNoopTracer (decides whether the request-tracing hooks are installed)', () => {
  afterEach(() => trace.disable());

  it('is true for the global tracer while no SDK is registered', () => {
    expect(isNoopTracer(getDefaultTracer())).toBe(true);
  });

  it('is false for a tracer passed in, and for the global tracer once an SDK is registered', () => {
    const provider = new BasicTracerProvider();
    expect(isNoopTracer(provider.getTracer('sgid-bff'))).toBe(false);
    trace.setGlobalTracerProvider(provider);
    expect(isNoopTracer(getDefaultTracer())).toBe(false);
  });

  it('is false for a global tracer taken before the SDK was registered (it delegates from then on)', () => {
    const early = getDefaultTracer();
    trace.setGlobalTracerProvider(new BasicTracerProvider());
    expect(isNoopTracer(early)).toBe(false);
  });
});
