// Builds one publishable workspace package into its `dist/`: the JS of every entry point in `exports`
// (plus the bins' `main` entries) bundled by esbuild with `@sgid-bff/*` and npm packages left as imports,
// and the type declarations emitted by tsc. Declarations keep one file per source file; their relative
// imports get the `.js` extension Node's ESM resolution (and `moduleResolution: node16/nodenext/bundler`
// in a consumer's tsconfig) requires, since our sources import without extensions.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { bundleNodeEntry } from './bundle.mjs';
import { listEntryPoints, workspaceRoot } from './workspace-packages.mjs';

/**
 * Packages whose code also runs in browsers: bundled for the `neutral` platform (no `node:` imports
 * added). Everything else is Node-only.
 */
const BROWSER_SAFE = new Set(['@sgid-bff/protocol', '@sgid-bff/client']);

/**
 * Entry points that are not in `exports` but are run by a bin or a script (`src/<entry>.ts`).
 * @type {Record<string, string[]>}
 */
const EXTRA_ENTRIES = {
  '@sgid-bff/emulator': ['main'],
  '@sgid-bff/bff': ['main', 'demo-api/main'],
};

/** @param {import('./workspace-packages.d.mts').WorkspacePackage} pkg */
export async function buildPackage(pkg, { declarations = true } = {}) {
  const dist = path.join(pkg.dir, 'dist');
  const src = path.join(pkg.dir, 'src');
  const entryPoints = [
    ...listEntryPoints(pkg).map((e) => path.join(pkg.dir, e.source)),
    ...(EXTRA_ENTRIES[pkg.name] ?? []).map((e) => path.join(src, `${e}.ts`)),
  ].filter((file) => existsSync(file));
  if (entryPoints.length === 0) return;
  await rm(dist, { recursive: true, force: true });
  await bundleNodeEntry({
    entryPoints,
    outdir: dist,
    outbase: src,
    sourcemap: true,
    inlineWorkspace: false,
    platform: BROWSER_SAFE.has(pkg.name) ? 'neutral' : 'node',
    splitting: true,
  });
  if (declarations) await emitDeclarations(pkg);
}

async function emitDeclarations(pkg) {
  const tmp = path.join(workspaceRoot, '.tmp', 'declarations');
  await mkdir(tmp, { recursive: true });
  const config = path.join(tmp, `${pkg.name.replace(/[@/]/g, '_')}.tsconfig.json`);
  const src = path.join(pkg.dir, 'src');
  await writeFile(
    config,
    JSON.stringify({
      extends: path.join(workspaceRoot, 'tsconfig.base.json'),
      compilerOptions: {
        noEmit: false,
        declaration: true,
        emitDeclarationOnly: true,
        rootDir: src,
        outDir: path.join(pkg.dir, 'dist'),
        // Resolve `@sgid-bff/*` to their built declarations, as a consumer will, not to their sources:
        // the emitted files then name the packages, never a path into another package.
        customConditions: [],
        types: ['node'],
      },
      include: [path.join(src, '**', '*')],
      exclude: [
        path.join(src, '**', '*.test.ts'),
        path.join(src, '**', '*.test.tsx'),
        path.join(src, '**', 'test-helpers.ts'),
      ],
    }),
  );
  const tsc = path.join(workspaceRoot, 'node_modules', 'typescript', 'bin', 'tsc');
  const result = spawnSync(process.execPath, [tsc, '-p', config], { encoding: 'utf8' });
  if (result.status !== 0)
    throw new Error(`declarations of ${pkg.name} failed:\n${result.stdout}${result.stderr}`);
  await addExtensions(path.join(pkg.dir, 'dist'));
}

const RELATIVE_SPECIFIER = /(\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(['"])(\.{1,2}\/[^'"]*)\2/g;

async function addExtensions(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.d.ts')) continue;
    const file = path.join(entry.parentPath, entry.name);
    const text = await readFile(file, 'utf8');
    const rewritten = text.replace(RELATIVE_SPECIFIER, (match, lead, quote, specifier) => {
      if (/\.(m?js|json)$/.test(specifier)) return match;
      const base = path.resolve(path.dirname(file), specifier);
      if (existsSync(`${base}.d.ts`)) return `${lead}${quote}${specifier}.js${quote}`;
      if (existsSync(path.join(base, 'index.d.ts'))) return `${lead}${quote}${specifier}/index.js${quote}`;
      throw new Error(`${file}: cannot resolve ${specifier} to a declaration file`);
    });
    if (rewritten !== text) await writeFile(file, rewritten);
  }
}
