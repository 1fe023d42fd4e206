#!/usr/bin/env node
// Builds what `npm start`, the bins and the published packages run: every workspace package that declares
// TypeScript entry points in `exports` (dependencies first), by scripts/lib/build-package.mjs, and the SPA
// by Vite. Type checking is `npm run typecheck`'s job; declaration emit checks only what it emits.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { buildPackage } from './lib/build-package.mjs';
import { listEntryPoints, listWorkspacePackages, workspaceRoot } from './lib/workspace-packages.mjs';

async function buildSpa() {
  const dir = path.join(workspaceRoot, 'packages', 'spa');
  if (!existsSync(path.join(dir, 'vite.config.ts'))) return;
  const { build: viteBuild } = await import('vite');
  await viteBuild({ root: dir, configFile: path.join(dir, 'vite.config.ts'), logLevel: 'warn' });
}

const started = Date.now();
for (const pkg of listWorkspacePackages()) {
  if (listEntryPoints(pkg).length > 0) await buildPackage(pkg);
}
await buildSpa();
console.log(`build: done in ${Date.now() - started} ms`);
