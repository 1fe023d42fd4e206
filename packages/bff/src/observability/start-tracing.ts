/**
 * Starts the OpenTelemetry SDK for the whole process: a Node tracer provider registered globally (the
 * async-hooks context manager, the W3C `traceparent`/`tracestate` propagator), a batch processor per
 * exporter (OTLP over HTTP, or the console), and a resource named by `OTEL_SERVICE_NAME` /
 * `OTEL_RESOURCE_ATTRIBUTES` (default `service.name=sgid-bff`). The exporter and the sampler read their
 * own standard variables (`OTEL_EXPORTER_OTLP_*`, `OTEL_TRACES_SAMPLER[_ARG]`).
 *
 * Every SDK package is imported dynamically, here and only when tracing-settings.ts says tracing is on:
 * the bundle keeps them external, so a default start never loads them (test/observability/
 * lazy-sdk.test.ts reads the built bundle to prove it).
 */
import type { TraceExporterName } from './tracing-settings';

/** Flushes spans still buffered and stops the SDK (on shutdown). */
export type StopTracing = () => Promise<void>;

export async function startTracing(exporters: readonly TraceExporterName[]): Promise<StopTracing> {
  const [{ NodeTracerProvider }, { BatchSpanProcessor, ConsoleSpanExporter }, resources, semconv] =
    await Promise.all([
      import('@opentelemetry/sdk-trace-node'),
      import('@opentelemetry/sdk-trace-base'),
      import('@opentelemetry/resources'),
      import('@opentelemetry/semantic-conventions'),
    ]);
  const spanProcessors = await Promise.all(
    exporters.map(async (name) => {
      if (name === 'console') return new BatchSpanProcessor(new ConsoleSpanExporter());
      const { OTLPTraceExporter } = await import('@opentelemetry/exporter-trace-otlp-http');
      return new BatchSpanProcessor(new OTLPTraceExporter());
    }),
  );
  // The env detector's attributes win over the default name: OTEL_SERVICE_NAME renames the service.
  const resource = resources
    .defaultResource()
    .merge(resources.resourceFromAttributes({ [semconv.ATTR_SERVICE_NAME]: 'sgid-bff' }))
    .merge(resources.detectResources({ detectors: [resources.envDetector] }));
  const provider = new NodeTracerProvider({ resource, spanProcessors });
  provider.register();
  return () => provider.shutdown();
}
