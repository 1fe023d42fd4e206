#!/usr/bin/env node
// Summarise V8 CPU profiles (from `npm run bench -- --cpu-prof`) in the terminal: the functions with the
// most self time, and self time per package, with frames of our bundles mapped back to src/*.ts through
// their source maps.
//
//   node bench/profile-top.mjs .tmp/profiles/bff-login-*.cpuprofile [--top 25]
import { existsSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const maps = new Map();

function sourceMapFor(file) {
  if (!maps.has(file)) {
    const mapFile = `${file}.map`;
    maps.set(file, existsSync(mapFile) ? new SourceMap(JSON.parse(readFileSync(mapFile, 'utf8'))) : null);
  }
  return maps.get(file);
}

/** "function (file:line)" for a call frame, mapped to the original source when a map exists. */
function describe(frame) {
  const name = frame.functionName || '(anonymous)';
  if (!frame.url) return { label: name, pkg: name.startsWith('(') ? name : '(native)' };
  let file = frame.url.startsWith('file://') ? fileURLToPath(frame.url) : frame.url;
  let line = frame.lineNumber + 1;
  const map = file.startsWith('/') ? sourceMapFor(file) : null;
  if (map) {
    const entry = map.findEntry(frame.lineNumber, frame.columnNumber);
    if (entry?.originalSource) {
      const src = entry.originalSource.startsWith('file://')
        ? fileURLToPath(entry.originalSource)
        : path.resolve(path.dirname(file), entry.originalSource);
      file = src;
      line = entry.originalLine + 1;
    }
  }
  const rel = path.relative(root, file);
  const nm = rel.lastIndexOf('node_modules/');
  let pkg;
  if (nm !== -1) {
    const parts = rel.slice(nm + 'node_modules/'.length).split('/');
    pkg = parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
  } else if (rel.startsWith('packages/')) {
    pkg = `ours: ${rel.split('/').slice(0, 2).join('/')}`;
  } else {
    pkg = file.startsWith('node:') ? 'node core' : rel.startsWith('..') ? file : rel;
  }
  return { label: `${name} (${rel.startsWith('..') ? file : rel}:${line})`, pkg };
}

function summarise(file, top) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map();
  for (let i = 0; i < profile.samples.length; i++) {
    const dt = profile.timeDeltas[i] ?? 0;
    selfUs.set(profile.samples[i], (selfUs.get(profile.samples[i]) ?? 0) + dt);
  }
  const byFn = new Map();
  const byPkg = new Map();
  let total = 0;
  let idle = 0;
  for (const [id, us] of selfUs) {
    const node = byId.get(id);
    if (!node) continue;
    total += us;
    if (node.callFrame.functionName === '(idle)') {
      idle += us;
      continue;
    }
    const { label, pkg } = describe(node.callFrame);
    byFn.set(label, (byFn.get(label) ?? 0) + us);
    byPkg.set(pkg, (byPkg.get(pkg) ?? 0) + us);
  }
  const busy = total - idle;
  // Inclusive (total) time of our own functions: every sample counts once for each of our frames on its stack.
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const described = new Map();
  const describeNode = (id) => {
    if (!described.has(id)) described.set(id, describe(byId.get(id).callFrame));
    return described.get(id);
  };
  const inclusive = new Map();
  for (const [id, us] of selfUs) {
    if (byId.get(id)?.callFrame.functionName === '(idle)') continue;
    const seen = new Set();
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
      const d = describeNode(cur);
      if (!d.pkg.startsWith('ours:') || seen.has(d.label)) continue;
      seen.add(d.label);
      inclusive.set(d.label, (inclusive.get(d.label) ?? 0) + us);
    }
  }
  const rows = (m) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(
        ([k, us]) =>
          `${((us / busy) * 100).toFixed(1).padStart(5)} %  ${(us / 1000).toFixed(0).padStart(7)} ms  ${k}`,
      );
  console.log(
    `\n== ${path.relative(process.cwd(), file)}: ${(busy / 1000).toFixed(0)} ms busy, ${(idle / 1000).toFixed(0)} ms idle`,
  );
  console.log('-- self time by package');
  console.log(rows(byPkg).join('\n'));
  console.log(`-- top ${top} functions by self time`);
  console.log(rows(byFn).join('\n'));
  console.log(`-- top ${top} of our functions by total time (self + callees)`);
  console.log(rows(inclusive).join('\n'));
}

const args = process.argv.slice(2);
const topIndex = args.indexOf('--top');
const top = topIndex === -1 ? 25 : Number(args[topIndex + 1]);
const files = args.filter((a, i) => !a.startsWith('--') && (topIndex === -1 || i !== topIndex + 1));
if (files.length === 0) {
  console.error('usage: node bench/profile-top.mjs FILE.cpuprofile… [--top N]');
  process.exitCode = 2;
}
for (const f of files) summarise(f, top);
