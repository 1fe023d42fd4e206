// One way to bundle a Node entry of ours, shared by the build and by tests that run a real process:
// our workspace packages are inlined (resolved to their TypeScript sources), npm packages stay external
// (native modules, CommonJS), and `require` works inside the ESM bundle.
import { build } from 'esbuild';

const externaliseNpm = {
  name: 'externalise-npm',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path.startsWith('@sgid-bff/') ? undefined : { path: args.path, external: true },
    );
  },
};

/**
 * Bundle Node entry points with esbuild.
 * `splitting`: code shared by several entries goes to one chunk instead of a copy per entry, for packages
 * whose entries must share module state (one error class for `instanceof`, one registry).
 * @param {{ entryPoints: string[], outdir?: string, outfile?: string, sourcemap?: boolean,
 *   splitting?: boolean, logLevel?: import('esbuild').LogLevel }} options
 */
export function bundleNodeEntry({
  entryPoints,
  outdir,
  outfile,
  sourcemap = false,
  splitting = false,
  logLevel = 'warning',
}) {
  return build({
    entryPoints,
    ...(outdir ? { outdir } : { outfile }),
    ...(splitting && { splitting: true, chunkNames: 'chunks/[name]-[hash]' }),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap,
    conditions: ['source'],
    plugins: [externaliseNpm],
    banner: {
      js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
    },
    logLevel,
  });
}
