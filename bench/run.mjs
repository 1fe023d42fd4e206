#!/usr/bin/env node
// `npm run bench`: every figure of docs/performance.md, each a ratio measured side by side in the same run,
// medians of N runs (default 3). Builds nothing: run `npm run build` first. Everything listens on
// 127.0.0.1; every load is bounded in count and in time. This file only orchestrates: each figure's
// measurement and its section of the report live side by side in bench/figures/<figure>.mjs.
//
//   npm run bench -- [--quick] [--runs N] [--only session,login,provider,rss,proxy] [--cpu-prof] [--out FILE]
//
// --quick     short loads for development (1 run unless --runs; writes .tmp/bench/performance.md unless --out)
// --runs N    runs per figure (default 3); the report shows medians
// --only …    a subset of: session (authenticated + anonymous reads), login (flows + CPU), provider
//             (emulator vs MockPass), rss (100k sessions), proxy
// --cpu-prof  start our BFF and emulator with --cpu-prof --cpu-prof-dir .tmp/profiles
// --out FILE  where to write the report (default docs/performance.md for a full run)
// --merge     keep the figures of the last run (.tmp/bench/results.json) that this run does not measure
// --help      print this
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as login from './figures/login.mjs';
import * as provider from './figures/provider.mjs';
import * as proxy from './figures/proxy.mjs';
import * as rss from './figures/rss.mjs';
import * as session from './figures/session.mjs';
import { setRetryDeadline } from './lib/cpu.mjs';
import { log } from './lib/figure.mjs';
import { profileDir, root, stopAll, tmpDir } from './lib/procs.mjs';
import { machineInfo, readNotes, renderReport } from './lib/report.mjs';
import { benchClient, bundlesPresent } from './lib/stack.mjs';

/**
 * Every figure, in report order: one module each (bench/figures/), with `measure(opts, { client, bundles })`
 * and the `render(result)` and `goalRows(result)` of its section of the report.
 */
const FIGURES = { session, login, provider, rss, proxy };

// ---------------------------------------------------------------------------------------------- options
function parseArgs(argv) {
  const value = (name) => {
    const i = argv.indexOf(`--${name}`);
    return i === -1 ? undefined : argv[i + 1];
  };
  const quick = argv.includes('--quick');
  const runs = Math.min(10, Math.max(1, Number(value('runs') ?? (quick ? 1 : 3))));
  const all = Object.keys(FIGURES);
  const only = value('only')?.split(',') ?? all;
  for (const o of only) if (!all.includes(o)) throw new Error(`--only: unknown figure ${o} (known: ${all})`);
  return {
    quick,
    runs,
    only: new Set(only),
    cpuProf: argv.includes('--cpu-prof'),
    merge: argv.includes('--merge'),
    out:
      value('out') ??
      (quick ? path.join(tmpDir, 'performance.md') : path.join(root, 'docs', 'performance.md')),
    // Bounds of every load (seconds are hard caps; flows are caps on the count).
    readSeconds: quick ? 2 : 8,
    readConnections: 50,
    login: quick
      ? { 1: { maxFlows: 100, maxMs: 2000 }, 16: { maxFlows: 300, maxMs: 3000 } }
      : { 1: { maxFlows: 500, maxMs: 8000 }, 16: { maxFlows: 2000, maxMs: 20_000 } },
    rssCount: quick ? 20_000 : 100_000,
    proxySeconds: quick ? 2 : 8,
  };
}

// ------------------------------------------------------------------------------- main
async function main() {
  if (process.argv.includes('--help')) {
    // The usage is the comment at the top of this file.
    const lines = readFileSync(new URL(import.meta.url), 'utf8')
      .split('\n')
      .slice(1);
    const header = lines.slice(
      0,
      lines.findIndex((line) => !line.startsWith('//')),
    );
    console.log(header.map((line) => line.replace(/^\/\/ ?/, '')).join('\n'));
    return;
  }
  const opts = parseArgs(process.argv.slice(2));
  const bundles = bundlesPresent();
  if (!(bundles.emulator && bundles.bff)) {
    log(
      'packages/emulator/dist/main.js or packages/bff/dist/main.js is missing: run `npm run build` first. ' +
        'Measuring only the peers; our figures will read "not measured yet".',
    );
  }
  if (opts.cpuProf) log(`CPU profiles of our BFF and emulator go to ${path.relative(root, profileDir)}/`);
  const started = Date.now();
  // Samples disturbed by other work are taken again only during the first 8 minutes (quick: 1), so that
  // a full run stays well under 15 minutes even on a busy machine.
  setRetryDeadline(started + (opts.quick ? 60_000 : 8 * 60_000));
  const client = benchClient();
  let results = { machine: machineInfo(), options: { ...opts, only: [...opts.only] }, bundles };
  const resultsFile = path.join(tmpDir, 'results.json');
  if (opts.merge && existsSync(resultsFile)) {
    // Re-measure some figures and keep the others of the last run (e.g. after one figure was disturbed).
    const previous = JSON.parse(readFileSync(resultsFile, 'utf8'));
    results = {
      ...previous,
      remeasured: [...(previous.remeasured ?? []), { figures: [...opts.only], date: machineInfo().date }],
    };
  }
  const save = () => {
    mkdirSync(tmpDir, { recursive: true });
    writeFileSync(resultsFile, JSON.stringify(results, null, 2));
  };
  const attempt = async (name, fn) => {
    if (!opts.only.has(name)) return;
    const t0 = Date.now();
    try {
      results[name] = await fn();
    } catch (error) {
      log(`${name}: failed: ${error?.stack ?? error}`);
      results[name] = { error: String(error?.message ?? error) };
    } finally {
      await stopAll();
    }
    log(`${name}: done in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    save();
  };
  for (const [name, figure] of Object.entries(FIGURES)) {
    await attempt(name, () => figure.measure(opts, { client, bundles }));
  }
  if (!opts.merge) {
    results.elapsedSeconds = (Date.now() - started) / 1000;
    results.loadAverageAtEnd = os.loadavg().map((x) => Math.round(x * 100) / 100);
  }
  save();
  const markdown = renderReport(results, FIGURES);
  mkdirSync(path.dirname(opts.out), { recursive: true });
  const notes = readNotes(opts.out);
  writeFileSync(opts.out, notes ? `${markdown.trimEnd()}\n\n${notes}\n` : markdown);
  log(
    `wrote ${path.relative(root, opts.out)} in ${((Date.now() - started) / 1000).toFixed(0)} s ` +
      '(raw results: .tmp/bench/results.json)',
  );
}

const onSignal = () => {
  stopAll().finally(() => process.exit(130));
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

main().catch(async (error) => {
  console.error(error);
  await stopAll();
  process.exitCode = 1;
});
