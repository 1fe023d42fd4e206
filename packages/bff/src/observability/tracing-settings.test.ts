import { describe, expect, it } from 'vitest';
import { readTracingSettings } from './tracing-settings';

describe('readTracingSettings', () => {
  it('is off by default, and on when an OTLP endpoint or an exporter is named', () => {
    expect(readTracingSettings({})).toEqual({ enabled: false });
    expect(readTracingSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })).toEqual({
      enabled: true,
      exporters: ['otlp'],
    });
    expect(readTracingSettings({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://c:4318/v1/traces' })).toEqual({
      enabled: true,
      exporters: ['otlp'],
    });
    expect(readTracingSettings({ OTEL_TRACES_EXPORTER: 'console, otlp' })).toEqual({
      enabled: true,
      exporters: ['console', 'otlp'],
    });
  });

  it('OTEL_SDK_DISABLED and OTEL_TRACES_EXPORTER=none keep it off whatever else is set', () => {
    const endpoint = { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' };
    expect(readTracingSettings({ ...endpoint, OTEL_SDK_DISABLED: 'true' })).toEqual({ enabled: false });
    expect(readTracingSettings({ ...endpoint, OTEL_TRACES_EXPORTER: 'none' })).toEqual({ enabled: false });
  });

  it('an exporter the BFF does not ship is a problem to report, not traces silently lost', () => {
    expect(readTracingSettings({ OTEL_TRACES_EXPORTER: 'zipkin' })).toEqual({
      enabled: false,
      problem: 'OTEL_TRACES_EXPORTER=zipkin is not supported: use otlp, console or none',
    });
  });
});
