#!/usr/bin/env node
// Builds what `npm start` and the bins run: the Node packages bundled by esbuild (our workspace code
// inlined, npm dependencies left external) and the SPA by Vite. Type checking is `npm run typecheck`'s job.
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleNodeEntry } from './lib/bundle.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Bundle `src/<entry>.ts` of a Node package into `dist/<entry>.js`. */
async function buildNodePackage(name, entries) {
  const dir = path.join(root, 'packages', name);
  const entryPoints = entries.map((e) => path.join(dir, 'src', `${e}.ts`)).filter((f) => existsSync(f));
  if (entryPoints.length === 0) return;
  await rm(path.join(dir, 'dist'), { recursive: true, force: true });
  await bundleNodeEntry({ entryPoints, outdir: path.join(dir, 'dist'), sourcemap: true });
}

async function buildSpa() {
  const dir = path.join(root, 'packages', 'spa');
  if (!existsSync(path.join(dir, 'vite.config.ts'))) return;
  const { build: viteBuild } = await import('vite');
  await viteBuild({ root: dir, configFile: path.join(dir, 'vite.config.ts'), logLevel: 'warn' });
}

const started = Date.now();
await buildNodePackage('protocol', ['index']);
await buildNodePackage('emulator', ['index', 'main']);
await buildNodePackage('bff', ['index', 'fastify', 'main', 'demo-api/main']);
await buildNodePackage('client', ['index', 'react']);
await buildSpa();
console.log(`build: done in ${Date.now() - started} ms`);
