// The machine a run happened on, the Markdown helpers, and the frame of docs/performance.md around the
// figures' own sections (bench/figures/*.mjs).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fmt } from './stats.mjs';

function tryRun(command, args) {
  try {
    return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}

/** CPU model, cores, RAM, OS, Node version and date: everything a reader needs to weigh the numbers. */
export function machineInfo() {
  const cpus = os.cpus();
  const redis = tryRun('redis-server', ['--version'])?.match(/v=(\S+)/)?.[1];
  return {
    cpu: cpus[0]?.model?.trim() ?? 'unknown',
    cores: cpus.length,
    ramGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    os: `${os.type()} ${os.release()} (${os.arch()})`,
    node: process.version,
    redis: redis ?? 'unknown',
    postgres:
      tryRun('postgres', ['--version'])?.match(/(\d+\.\d+)/)?.[1] ??
      tryRun('psql', ['--version'])?.match(/(\d+\.\d+)/)?.[1] ??
      'unknown',
    // Load averages (1, 5, 15 min) when the run started: other work on the machine shares its cores.
    loadAverage: os.loadavg().map((x) => Math.round(x * 100) / 100),
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    commit:
      (tryRun('git', ['rev-parse', '--short', 'HEAD']) ?? 'unknown') +
      (tryRun('git', ['status', '--porcelain', '--', 'packages'])
        ? ' (bundles built from a working tree with uncommitted changes in packages/)'
        : ''),
  };
}

/** A Markdown table from a header row and rows of cells. */
export function table(header, rows) {
  const line = (cells) => `| ${cells.map((c) => String(c).replaceAll('|', '\\|')).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** ✅ / ❌ / — for a goal. */
export function verdict(reached) {
  if (reached === undefined) return '— not measured';
  return reached ? '✅ reached' : '❌ not reached';
}

const begin = (name) => `<!-- bench:${name}:begin -->`;
const end = (name) => `<!-- bench:${name}:end -->`;

/** Wrap generated Markdown so that one section can later be replaced on its own. */
export function section(name, markdown) {
  return `${begin(name)}\n${markdown.trim()}\n${end(name)}`;
}

/**
 * Replace one generated section of a Markdown file in place (appending it when the file lacks it).
 * Answers false when the file does not exist.
 */
export function replaceSection(file, name, markdown) {
  if (!existsSync(file)) return false;
  const text = readFileSync(file, 'utf8');
  const start = text.indexOf(begin(name));
  const stop = text.indexOf(end(name));
  const replacement = section(name, markdown);
  const next =
    start !== -1 && stop > start
      ? text.slice(0, start) + replacement + text.slice(stop + end(name).length)
      : `${text.trimEnd()}\n\n${replacement}\n`;
  writeFileSync(file, next);
  return true;
}

// ------------------------------------------------------------------------------- docs/performance.md
function machineSection(m, results) {
  const o = results.options;
  return [
    '## The machine and the run',
    '',
    table(
      ['', ''],
      [
        ['CPU', m.cpu],
        ['cores', m.cores],
        ['RAM', `${m.ramGiB} GiB`],
        ['OS', m.os],
        ['Node', m.node],
        ['Redis', m.redis],
        ['PostgreSQL', m.postgres ?? 'unknown'],
        [
          'load average (1, 5, 15 min) at the start, at the end',
          `${(m.loadAverage ?? []).join(', ') || '—'}; ${(results.loadAverageAtEnd ?? []).join(', ') || '—'}`,
        ],
        ['date', m.date],
        ['commit', m.commit],
        [
          'runs per figure',
          `${o.runs} (the tables show medians)${o.quick ? ' — **quick run, not for comparison**' : ''}`,
        ],
        ['whole run', `${fmt(results.elapsedSeconds)} s`],
        ...(results.remeasured ?? []).map((r) => [
          're-measured',
          `${r.figures.join(', ')} on ${r.date} (\`--merge\`: the other figures are from the run above)`,
        ]),
      ],
    ),
    '',
    'Everything runs on this one machine, on 127.0.0.1: the servers under test, the providers and the load ' +
      'generator share its cores, so absolute numbers are lower than on a dedicated server. What carries over ' +
      'is the ratios, measured side by side in the same run against the same load generator.',
  ].join('\n');
}

function goalsSummary(results, figures) {
  const rows = Object.entries(figures).flatMap(([name, figure]) => figure.goalRows(results[name]));
  return [
    '## Goals',
    '',
    table(['figure', 'goal', 'measured (median)', ''], rows),
    '',
    'The goals are stated in req/s and flows/s. On a machine where other work takes a share of the two ' +
      'cores (see *other work* in each table), those move from sample to sample; the CPU figures (µs per ' +
      'request, ms per flow, and the CPU ratios) are what each process itself spent and stay put — read ' +
      'them to judge a change.',
  ].join('\n');
}

const PROFILING = `## Profiling

\`npm run bench -- --cpu-prof\` (add \`--quick --only login\` for a short one) starts our BFF and emulator with
\`node --cpu-prof --cpu-prof-dir .tmp/profiles\`. Each process writes one \`<name>-<time>.cpuprofile\` there
when it exits (the bench stops them with SIGTERM; their graceful shutdown lets V8 write the file). The name says
which process and which figure: \`bff-login\`, \`emulator-login\`, \`bff-mockpass\`, \`bff-sqlite-session\`,
\`bff-redis-session\`, \`emulator-provider\`, …

How to read one:
- In the terminal: \`node bench/profile-top.mjs .tmp/profiles/bff-login-*.cpuprofile\` prints self time per
  package and the top functions by self time, with frames of our bundles mapped back to \`src/*.ts\`.
- Open it in Chrome DevTools (Performance panel → *Load profile…*, or \`chrome://inspect\` → *Open dedicated
  DevTools for Node* → Profiler → *Load*), or drop it on https://www.speedscope.app (runs locally in the
  browser; nothing is uploaded). The bundles are built with source maps, so frames point at \`src/*.ts\`.
- Use the **bottom-up** (*Heavy*) view sorted by *Self time*: it lists the functions that burn the CPU
  themselves. Then expand each to see which of our functions called it.
- Expect the crypto floor: RSA-2048 private-key operations (the emulator's RS256 ID-token signature, the
  BFF's RSA-OAEP-256 unwrap of the userinfo key) cost about a millisecond each and cannot be avoided per login.
  Anything else near the top of the list — schema validation, JSON re-encoding, key imports or JWKS parsing per
  request, logging, cookie parsing, store round trips — is waste to remove from the hot path.
- *(program)* and *(garbage collector)* high up mean allocation pressure; *(idle)* is time waiting for I/O.
- Compare the login profile with the CPU-ms-per-flow table above: the table says which process is the
  bottleneck, the profile says which function.`;

/**
 * The whole of docs/performance.md: the machine, the goals, then each figure's section (name → module
 * with `render(result)` and `goalRows(result)`, in report order).
 */
export function renderReport(results, figures) {
  const m = results.machine;
  return `${[
    '# Performance',
    '',
    '_Generated by `npm run bench` (`bench/run.mjs`); do not edit by hand — rerun it. Every number below was ' +
      'measured in one run on the machine described; each figure is a ratio of two systems measured side by ' +
      'side in that same run._',
    '',
    'Ratios are medians of the per-run ratios (each run measures both sides, one after the other, under the ' +
      'same conditions); the other columns are medians of the per-run values.',
    '',
    'How to run: `npm run build`, then `npm run bench` (about 15–25 minutes; needs Redis on 127.0.0.1:6379 or ' +
      '`REDIS_URL`, and PostgreSQL at `DATABASE_URL`, default `postgres://postgres@127.0.0.1:5432/test`). ' +
      '`--quick` for a short run while developing (under 3 minutes), `--runs N` (default 3), `--only ' +
      'session,login,provider,rss,proxy` for a subset, `--cpu-prof` for CPU profiles (see *Profiling*). ' +
      "Issue #3's provider benchmark also runs alone: `node bench/emulator-vs-mockpass.mjs`. Raw per-run " +
      'numbers of the last run: `.tmp/bench/results.json`.',
    '',
    machineSection(m, results),
    '',
    section('goals', goalsSummary(results, figures)),
    '',
    ...Object.entries(figures).flatMap(([name, figure]) => [section(name, figure.render(results[name])), '']),
    PROFILING,
  ].join('\n')}\n`;
}

const NOTES_BEGIN = '<!-- notes:begin -->';
const NOTES_END = '<!-- notes:end -->';
/** The hand-written notes of the report being replaced (between NOTES_BEGIN and NOTES_END), kept as they are. */
export function readNotes(file) {
  if (!existsSync(file)) return undefined;
  const text = readFileSync(file, 'utf8');
  const start = text.indexOf(NOTES_BEGIN);
  const stop = text.indexOf(NOTES_END);
  return start !== -1 && stop > start ? text.slice(start, stop + NOTES_END.length) : undefined;
}
