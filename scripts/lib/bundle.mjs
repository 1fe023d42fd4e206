// One way to bundle a Node entry of ours, shared by the build and by tests that run a real process:
// npm packages stay external (native modules, CommonJS), and `require` works inside the ESM bundle. Our
// workspace packages are inlined (resolved to their TypeScript sources) unless `inlineWorkspace` is false,
// as in the published builds, where `@sgid-bff/*` are dependencies like any other, so that one copy of
// `@sgid-bff/protocol` serves the BFF, the client and the declared types alike.
import { build } from 'esbuild';

const externalise = (inlineWorkspace) => ({
  name: 'externalise-npm',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) =>
      inlineWorkspace && args.path.startsWith('@sgid-bff/') ? undefined : { path: args.path, external: true },
    );
  },
});

const REQUIRE_BANNER =
  "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);";

/**
 * Bundle entry points with esbuild. `platform: 'neutral'` is for code that also runs in browsers (the
 * client SDK, the protocol package): no `node:` banner.
 * @param {import('./bundle.d.mts').BundleOptions} options
 */
export function bundleNodeEntry({
  entryPoints,
  outdir,
  outfile,
  outbase,
  sourcemap = false,
  logLevel = 'warning',
  inlineWorkspace = true,
  platform = 'node',
  splitting = false,
}) {
  return build({
    entryPoints,
    ...(outdir ? { outdir } : { outfile }),
    ...(outbase ? { outbase } : {}),
    bundle: true,
    platform,
    format: 'esm',
    target: platform === 'node' ? 'node20' : 'es2022',
    sourcemap,
    splitting,
    ...(splitting ? { chunkNames: 'chunks/[name]-[hash]' } : {}),
    conditions: ['sgid-bff-source'],
    ...(platform === 'neutral' ? { mainFields: ['module', 'main'] } : {}),
    plugins: [externalise(inlineWorkspace)],
    ...(platform === 'node' ? { banner: { js: REQUIRE_BANNER } } : {}),
    logLevel,
  });
}
