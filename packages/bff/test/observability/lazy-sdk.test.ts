/**
 * With tracing off (the default) the OpenTelemetry SDK is never loaded: the shipped `main.js` (bundled
 * as scripts/build.mjs does it) imports only `@opentelemetry/api` statically; every SDK package is a
 * dynamic import, reached only when `OTEL_*` turns tracing on (observability/start-tracing.ts). Read from
 * esbuild's metafile, which records each import of the bundle with its kind.
 */
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { describe, expect, it } from 'vitest';

const MAIN = fileURLToPath(new URL('../../src/main.ts', import.meta.url));

/** As scripts/lib/bundle.mjs: our workspace packages inlined, npm packages external. */
const externaliseNpm: Plugin = {
  name: 'externalise-npm',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path.startsWith('@sgid-bff/') ? undefined : { path: args.path, external: true },
    );
  },
};

describe('the OpenTelemetry SDK is loaded lazily', () => {
  it('main.js imports @opentelemetry/api statically and every SDK package only by dynamic import', async () => {
    const result = await build({
      entryPoints: [MAIN],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      conditions: ['sgid-bff-source'],
      plugins: [externaliseNpm],
      metafile: true,
      write: false,
      outdir: 'out',
      logLevel: 'silent',
    });
    const imports = Object.values(result.metafile.outputs).flatMap((output) => output.imports);
    const otel = imports.filter((i) => i.path.startsWith('@opentelemetry/'));
    const statics = [...new Set(otel.filter((i) => i.kind !== 'dynamic-import').map((i) => i.path))];
    expect(statics).toEqual(['@opentelemetry/api']);
    const dynamics = new Set(otel.filter((i) => i.kind === 'dynamic-import').map((i) => i.path));
    for (const sdk of [
      '@opentelemetry/sdk-trace-node',
      '@opentelemetry/sdk-trace-base',
      '@opentelemetry/resources',
      '@opentelemetry/exporter-trace-otlp-http',
    ])
      expect(dynamics.has(sdk), sdk).toBe(true);
  });
});
