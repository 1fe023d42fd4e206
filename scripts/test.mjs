#!/usr/bin/env node
// `npm test`: every test, on a fresh clone. Installs what is missing (npm packages, Chromium, a Redis when
// none answers, a PostgreSQL likewise), builds, then typecheck, lint, and the unit, integration and browser
// test projects.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import {
  build,
  ensureChromium,
  ensureDependencies,
  ensurePostgres,
  ensureRedis,
  root,
} from './lib/setup.mjs';

function step(name, command, args) {
  const started = Date.now();
  console.log(`\n▶ ${name}`);
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: root, env: process.env });
  console.log(
    `◀ ${name}: ${result.status === 0 ? 'ok' : 'FAILED'} (${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );
  return result.status === 0;
}

ensureDependencies();
process.env.CHROMIUM_PATH = ensureChromium();
const stopRedis = await ensureRedis();
const stopPostgres = await ensurePostgres();
build();

const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const results = {
  typecheck: step('typecheck', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']),
  lint: step('lint', bin('biome'), ['check', '.']),
};
const report = path.join(root, '.tmp', 'vitest-report.json');
rmSync(report, { force: true });
results.tests = step('unit, integration and browser tests', bin('vitest'), [
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${report}`,
  ...process.argv.slice(2),
]);
stopRedis();
stopPostgres();

let passed = 0;
let failed = 0;
let skipped = 0;
if (existsSync(report)) {
  const json = JSON.parse(readFileSync(report, 'utf8'));
  passed = json.numPassedTests ?? 0;
  failed = json.numFailedTests ?? 0;
  skipped = (json.numPendingTests ?? 0) + (json.numTodoTests ?? 0);
}
const failedSteps = Object.entries(results)
  .filter(([, ok]) => !ok)
  .map(([name]) => name);
console.log(`\n${failedSteps.length ? `failed steps: ${failedSteps.join(', ')}` : 'all steps ok'}`);
console.log(`tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failedSteps.length === 0 && passed > 0 ? 0 : 1);
