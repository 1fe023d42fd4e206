/**
 * Whether the OpenTelemetry SDK starts, from the standard `OTEL_*` variables (main.ts hands in
 * `process.env`). Off unless asked for, so a default install never loads the SDK:
 * - `OTEL_SDK_DISABLED=true` wins over everything;
 * - `OTEL_TRACES_EXPORTER` (comma-separated): `otlp` and `console` start it, `none` alone keeps it off;
 *   any other exporter is a start-up error rather than traces silently lost;
 * - unset, tracing starts when an OTLP endpoint is set (`OTEL_EXPORTER_OTLP_ENDPOINT` or
 *   `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`): setting where traces go is asking for them.
 * Everything else (`OTEL_SERVICE_NAME`, `OTEL_RESOURCE_ATTRIBUTES`, `OTEL_TRACES_SAMPLER[_ARG]`, the
 * OTLP headers and timeouts) the SDK reads itself once started (start-tracing.ts).
 */

export type TraceExporterName = 'otlp' | 'console';

export type TracingSettings =
  | { readonly enabled: false }
  | { readonly enabled: true; readonly exporters: readonly TraceExporterName[] }
  | { readonly enabled: false; readonly problem: string };

const SUPPORTED = new Set<string>(['otlp', 'console', 'none']);

export function readTracingSettings(env: Readonly<Record<string, string | undefined>>): TracingSettings {
  if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true') return { enabled: false };
  const listed = (env.OTEL_TRACES_EXPORTER ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name !== '');
  const unsupported = listed.filter((name) => !SUPPORTED.has(name));
  if (unsupported.length > 0)
    return {
      enabled: false,
      problem: `OTEL_TRACES_EXPORTER=${unsupported.join(',')} is not supported: use otlp, console or none`,
    };
  const exporters = listed.filter((name): name is TraceExporterName => name !== 'none');
  if (listed.length > 0) return exporters.length > 0 ? { enabled: true, exporters } : { enabled: false };
  const endpoint = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? env.OTEL_EXPORTER_OTLP_ENDPOINT;
  return endpoint?.trim() ? { enabled: true, exporters: ['otlp'] } : { enabled: false };
}
