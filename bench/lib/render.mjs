// Turns the results of `npm run bench` into docs/performance.md. Every number comes from the run; a figure
// that could not be measured says so.
import { section, table, verdict } from './report.mjs';
import { fmt, median, pct, ratio } from './stats.mjs';

export const GOALS = {
  readSqlite: 0.6,
  readRedis: 0.45,
  readP99Ms: 10,
  loginFlowsPerSec: 350,
  loginVsPeer: 3,
  bffCpuMs: 2.5,
  emulatorCpuMs: 3,
  rssSqliteMB: 20,
  proxyRatio: 0.5,
};

const notMeasured = () => 'Not measured yet.';

/** Median over the runs of a ratio measured within each run (both sides measured side by side). */
function runRatio(rows, a, b) {
  return median((rows ?? []).map((row) => ratio(a(row), b(row))));
}
const cpuUs = (x) => x.serverUs + (Number.isFinite(x.redisUs) ? x.redisUs : 0);
const readRatio = (r, kind, name) =>
  runRatio(
    r.perRun?.[kind],
    (row) => row[name].rps,
    (row) => row.raw.rps,
  );
const readCpuRatio = (r, kind, name) =>
  runRatio(
    r.perRun?.[kind],
    (row) => row.raw.serverUs,
    (row) => cpuUs(row[name]),
  );
const loginRatio = (l, key, c) =>
  runRatio(
    l.perRun,
    (row) => row[`${key}@${c}`]?.flowsPerSec,
    (row) => row[`example-mockpass@${c}`]?.flowsPerSec,
  );
const proxyRatio = (px) =>
  runRatio(
    px.perRun,
    (row) => row.bff?.rps,
    (row) => row.direct.rps,
  );
const failed = (r) => r?.error && `not measured: ${r.error}`;

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

function readSection(title, r, kind, goals) {
  if (!r || r.error) return `### ${title}\n\n${failed(r) || notMeasured(title)}`;
  const rows = [
    ['raw Node `http` (ceiling)', r[kind].raw, 'raw'],
    ['our BFF, SQLite store', r[kind].sqlite, 'sqlite'],
    ['our BFF, Redis store', r[kind].redis, 'redis'],
  ].map(([name, x, key]) => {
    const raw = key === 'raw';
    return [
      name,
      fmt(x.rps),
      raw ? '100 %' : pct(readRatio(r, kind, key)),
      fmt(x.p50),
      fmt(x.p99),
      Number.isFinite(x.redisUs) ? `${fmt(x.serverUs, 1)} + ${fmt(x.redisUs, 1)} redis` : fmt(x.serverUs, 1),
      raw ? '100 %' : pct(readCpuRatio(r, kind, key)),
      fmt(x.foreignCores, 2),
      x.failures,
    ];
  });
  const lines = [
    `### ${title}`,
    '',
    table(
      [
        'server',
        'req/s',
        'ratio to raw',
        'p50 ms',
        'p99 ms',
        'server CPU µs / req',
        'CPU ratio (raw ÷ ours)',
        'other work (cores)',
        'failed requests',
      ],
      rows,
    ),
  ];
  if (goals) {
    const sq = readRatio(r, kind, 'sqlite');
    const rd = readRatio(r, kind, 'redis');
    lines.push(
      '',
      `Goals: SQLite ≥ ${pct(GOALS.readSqlite)} of raw — ${verdict(sq >= GOALS.readSqlite)} (${pct(sq)}); ` +
        `Redis ≥ ${pct(GOALS.readRedis)} — ${verdict(rd >= GOALS.readRedis)} (${pct(rd)}); ` +
        `p99 ≤ ${GOALS.readP99Ms} ms — ${verdict(Math.max(r[kind].sqlite.p99, r[kind].redis.p99) <= GOALS.readP99Ms)} ` +
        `(SQLite ${fmt(r[kind].sqlite.p99)} ms, Redis ${fmt(r[kind].redis.p99)} ms).`,
    );
  }
  return lines.join('\n');
}

function sessionSection(r) {
  const intro =
    r && !r.error
      ? `autocannon, ${r.connections} connections, ${r.seconds} s per target per run, medians of ${r.runs} runs; the ` +
        'three targets take turns within each run. The raw server answers the very bytes our BFF answered ' +
        `(${r.bodies.auth} bytes of session JSON; \`${r.bodies.anon}\` anonymously) with the same ` +
        '`content-type` and `cache-control`, so the ratio is what the BFF costs over a bare socket. ' +
        'Requests send `X-CSRF: 1` (and the session cookie) to the default `GET /auth/session`, which extends ' +
        'the idle timer (the BFF writes it only when it moves by more than a step, so steady reads are one ' +
        'indexed store read). autocannon reports latency in whole ms. ' +
        "*Server CPU µs / req* is the server process's utime+stime over the load ÷ answered requests (for " +
        "Redis plus redis-server's); the *CPU ratio* compares those, and unlike req/s does not depend on how " +
        'much of the two cores the load generator or other work on the machine took. *Other work* is how many ' +
        'cores processes outside the benchmark kept busy during the sample: a sample with more than 0.3 is ' +
        'taken again (up to 3 times, keeping the quietest) during the first 8 minutes of a run and until ' +
        'retakes keep failing, so that a run on a busy machine still ends in time.'
      : '';
  return [
    '## 1–2. Session reads: `GET /auth/session` vs raw Node',
    '',
    intro,
    '',
    readSection('1. Authenticated (session cookie)', r, 'auth', true),
    '',
    readSection('2. Anonymous (no cookie → `{"authenticated":false}`)', r, 'anon', false),
  ].join('\n');
}

function loginSection(r) {
  const title = '## 3–5. Full login flows and CPU per flow';
  if (!r || r.error) return `${title}\n\n${failed(r) || notMeasured('Login flows')}`;
  const m = r.medians;
  const rows = [];
  for (const c of [1, 16]) {
    for (const key of ['bff-emulator', 'example-mockpass', 'bff-mockpass']) {
      const x = m[`${key}@${c}`];
      if (!x) {
        rows.push([
          key === 'bff-emulator' ? 'our BFF + our emulator' : 'our BFF + MockPass',
          c,
          'not measured yet',
          '',
          '',
          '',
          '',
          '',
          '',
          '',
        ]);
        continue;
      }
      rows.push([
        x.name,
        c,
        fmt(x.flowsPerSec),
        key === 'example-mockpass' ? '1.00×' : `${fmt(loginRatio(r, key, c), 2)}×`,
        fmt(x.p50, 1),
        fmt(x.p99, 1),
        fmt(x.cpu.app, 2),
        fmt(x.cpu.provider, 2),
        fmt(x.cpu.driver, 2),
        fmt(x.foreignCores, 2),
        `${x.flows} / ${x.errors}`,
      ]);
    }
  }
  const ours16 = m['bff-emulator@16'];
  const goals = ours16
    ? [
        `- ≥ ${GOALS.loginFlowsPerSec} flows/s at concurrency 16 (our BFF + our emulator): ` +
          `${verdict(ours16.flowsPerSec >= GOALS.loginFlowsPerSec)} (${fmt(ours16.flowsPerSec)} flows/s).`,
        `- ≥ ${GOALS.loginVsPeer}× the official example + MockPass at concurrency 16: ` +
          `${verdict(loginRatio(r, 'bff-emulator', 16) >= GOALS.loginVsPeer)} ` +
          `(${fmt(loginRatio(r, 'bff-emulator', 16), 2)}×).`,
        `- BFF ≤ ${GOALS.bffCpuMs} ms CPU per login flow: ${verdict(ours16.cpu.app <= GOALS.bffCpuMs)} ` +
          `(${fmt(ours16.cpu.app, 2)} ms at concurrency 16).`,
        `- Emulator ≤ ${GOALS.emulatorCpuMs} ms CPU per login flow: ${verdict(ours16.cpu.provider <= GOALS.emulatorCpuMs)} ` +
          `(${fmt(ours16.cpu.provider, 2)} ms at concurrency 16).`,
      ]
    : ['- Our BFF + emulator: not measured yet.'];
  const b = r.bounds;
  const errorsNote = Object.values(m)
    .filter((x) => x.errors)
    .map(
      (x) =>
        `- ${x.name} at concurrency ${x.concurrency}: ${x.errors} failed flows, first: \`${x.firstError}\``,
    );
  return [
    title,
    '',
    "One flow is one browser with its own cookie jar: our BFF — `GET /auth/login` → the provider's authorize " +
      '(approving at once: our emulator with `--auto-approve S9812381D`, MockPass with `SHOW_LOGIN_PAGE=false`, ' +
      '`MOCKPASS_NRIC=S9812381D`) → `GET /auth/callback` with the transaction cookie → `GET /auth/session` with ' +
      'the session cookie; the official example — `GET /api/auth-url` → authorize → `GET /api/callback` → ' +
      '`GET /api/userinfo`. Every pairing asks for the same scopes (see the provider section) and so decrypts ' +
      'the same data. ' +
      `Bounds per run: concurrency 1 — ${b[1].maxFlows} flows or ${b[1].maxMs / 1000} s; concurrency 16 — ` +
      `${b[16].maxFlows} flows or ${b[16].maxMs / 1000} s; medians of ${r.runs} runs, pairings taking turns. ` +
      "CPU ms per flow is each process's utime+stime (`/proc/<pid>/stat`) over the load ÷ completed flows; " +
      '"app" is the BFF or the official-example backend, "provider" the emulator or MockPass, "driver" the load ' +
      "generator itself (it competes for the same two cores). The BFF's per-IP rate limits on `/auth/login` and " +
      '`/auth/callback` are raised for the load (every flow comes from 127.0.0.1). Our BFF talks to MockPass with ' +
      '`SGID_COMPAT=mockpass`. The official-example peer is `bench/peers/official-example.mjs`: written from the ' +
      "documented behaviour of the SDK's Express example (in-memory sessions by cookie, PKCE + state + nonce " +
      'in the session, `callback()` + `userinfo()` at the callback), weaknesses included.',
    '',
    table(
      [
        'pairing',
        'concurrency',
        'flows/s',
        'vs official + MockPass',
        'p50 ms',
        'p99 ms',
        'app CPU ms/flow',
        'provider CPU ms/flow',
        'driver CPU ms/flow',
        'other work (cores)',
        'flows / failed (all runs)',
      ],
      rows,
    ),
    '',
    'Goals:',
    ...goals,
    ...(errorsNote.length ? ['', 'Failures:', ...errorsNote] : []),
  ].join('\n');
}

function rssSection(r) {
  const title = '## 6. Memory: RSS growth for 100,000 sessions';
  if (!r || r.error) return `${title}\n\n${failed(r) || notMeasured('RSS')}`;
  const rows = ['sqlite', 'redis', 'memory'].map((s) => {
    const x = r.medians[s];
    if (x.error) return [s, x.error, '', '', '', ''];
    return [
      s,
      fmt(x.growthMB, 1),
      fmt(x.secondHalfGrowthMB, 1),
      s === 'redis' ? `${fmt(x.redisServerGrowthMB, 1)} (in redis-server)` : '—',
      fmt(x.seconds, 1),
      x.readBack ? 'yes' : 'NO',
    ];
  });
  const sq = r.medians.sqlite;
  return [
    title,
    '',
    `\`bench/sessions-rss.mjs\`: one fresh process per store creates ${r.count.toLocaleString('en-US')} sessions ` +
      "(distinct users, the BFF's own session JSON of ~500 bytes) through the BFF's store API " +
      '(`packages/bff/dist/index.js`), 256 at a time; RSS is read after a forced GC before, half-way and ' +
      "after. The second half shows what more sessions cost once fixed-size caches (SQLite's page cache, " +
      "which the BFF sets to 2 MB; better-sqlite3 builds with 16 MB) and the allocator's working set are in place; the Redis " +
      'row, whose process holds no session at all, shows that working set alone. ' +
      `Medians of ${r.runs} runs.`,
    '',
    table(
      [
        'store',
        'RSS growth of the BFF process (MB)',
        'of which the second half (MB)',
        'store-side growth (MB)',
        'time to create (s)',
        'last session reads back',
      ],
      rows,
    ),
    '',
    sq && !sq.error
      ? `Goal ≤ ${GOALS.rssSqliteMB} MB with SQLite: ${verdict(sq.growthMB <= GOALS.rssSqliteMB)} (${fmt(sq.growthMB, 1)} MB).`
      : 'Goal ≤ 20 MB with SQLite: not measured yet.',
  ].join('\n');
}

function proxySection(r) {
  const title = '## 7. `/api/*` proxy overhead';
  if (!r || r.error) return `${title}\n\n${failed(r) || notMeasured('Proxy')}`;
  const rows = [['directly to the upstream (raw Node)', r.direct]];
  if (r.bff) rows.push(["through our BFF's `/api/*` proxy", r.bff]);
  const cpu = (v) => (v === undefined ? '—' : fmt(v, 1));
  const body = rows.map(([name, x]) => [
    name,
    fmt(x.rps),
    name.startsWith('directly') ? '100 %' : pct(proxyRatio(r)),
    fmt(x.p50),
    fmt(x.p99),
    cpu(x.bffUsPerReq),
    cpu(x.upstreamUsPerReq),
    cpu(x.driverUsPerReq),
    fmt(x.foreignCores, 2),
  ]);
  if (!r.bff) body.push(["through our BFF's `/api/*` proxy", r.reason, '', '', '', '', '', '', '']);
  const q = r.bff ? proxyRatio(r) : Number.NaN;
  return [
    title,
    '',
    `autocannon, 50 connections, ${r.seconds} s per target per run, medians of ${r.runs} runs: a small JSON ` +
      'API answered by a raw Node upstream, called directly and through the BFF (with a session cookie and ' +
      '`X-CSRF: 1`). The route passes one claim (`myinfo.name`), so each call reads the session, signs an ' +
      "ES256 identity token and makes a second HTTP hop. CPU µs / req is each process's utime+stime over " +
      'the load ÷ answered requests; the driver is the load generator, which shares the two cores.',
    '',
    table(
      [
        'path',
        'req/s',
        'ratio to direct',
        'p50 ms',
        'p99 ms',
        'BFF CPU µs / req',
        'upstream CPU µs / req',
        'driver CPU µs / req',
        'other work (cores)',
      ],
      body,
    ),
    '',
    `Goal ≥ ${pct(GOALS.proxyRatio)} of direct: ${r.bff ? `${verdict(q >= GOALS.proxyRatio)} (${pct(q)})` : r.reason}.`,
  ].join('\n');
}

function goalsSummary(results) {
  const s = results.session;
  const l = results.login?.medians;
  const p = results.provider?.medians;
  const rss = results.rss?.medians?.sqlite;
  const px = results.proxy;
  const ok = (cond, measured) => (measured ? verdict(cond) : verdict(undefined));
  const haveS = s && !s.error;
  const sq = haveS ? readRatio(s, 'auth', 'sqlite') : Number.NaN;
  const rd = haveS ? readRatio(s, 'auth', 'redis') : Number.NaN;
  const p99 = haveS ? Math.max(s.auth.sqlite.p99, s.auth.redis.p99) : Number.NaN;
  const ours = l?.['bff-emulator@16'];
  const peer = l?.['example-mockpass@16'];
  const vs = ours && peer ? loginRatio(results.login, 'bff-emulator', 16) : Number.NaN;
  const rows = [
    [
      'authenticated session read, SQLite',
      `≥ ${pct(GOALS.readSqlite)} of raw Node`,
      haveS ? `${pct(sq)} (CPU ratio ${pct(readCpuRatio(s, 'auth', 'sqlite'))})` : 'not measured yet',
      ok(sq >= GOALS.readSqlite, haveS),
    ],
    [
      'authenticated session read, Redis',
      `≥ ${pct(GOALS.readRedis)} of raw Node`,
      haveS ? `${pct(rd)} (CPU ratio ${pct(readCpuRatio(s, 'auth', 'redis'))})` : 'not measured yet',
      ok(rd >= GOALS.readRedis, haveS),
    ],
    [
      'session read p99 (SQLite, Redis)',
      `≤ ${GOALS.readP99Ms} ms`,
      haveS ? `${fmt(s.auth.sqlite.p99)} ms, ${fmt(s.auth.redis.p99)} ms` : 'not measured yet',
      ok(p99 <= GOALS.readP99Ms, haveS),
    ],
    [
      'login flows/s, BFF + emulator, concurrency 16',
      `≥ ${GOALS.loginFlowsPerSec}`,
      ours ? fmt(ours.flowsPerSec) : 'not measured yet',
      ok(ours?.flowsPerSec >= GOALS.loginFlowsPerSec, !!ours),
    ],
    [
      'login vs official example + MockPass, concurrency 16',
      `≥ ${GOALS.loginVsPeer}×`,
      ours ? `${fmt(vs, 2)}×` : 'not measured yet',
      ok(vs >= GOALS.loginVsPeer, !!ours),
    ],
    [
      'BFF CPU per login flow',
      `≤ ${GOALS.bffCpuMs} ms`,
      ours ? `${fmt(ours.cpu.app, 2)} ms` : 'not measured yet',
      ok(ours?.cpu.app <= GOALS.bffCpuMs, !!ours),
    ],
    [
      'emulator CPU per login flow (BFF flow)',
      `≤ ${GOALS.emulatorCpuMs} ms`,
      ours ? `${fmt(ours.cpu.provider, 2)} ms` : 'not measured yet',
      ok(ours?.cpu.provider <= GOALS.emulatorCpuMs, !!ours),
    ],
    [
      'emulator CPU per flow (provider bench)',
      `≤ ${GOALS.emulatorCpuMs} ms`,
      p?.emulator
        ? `${fmt(p.emulator.cpuMsPerFlow, 2)} ms (MockPass ${fmt(p.mockpass.cpuMsPerFlow, 2)} ms)`
        : 'not measured yet',
      ok(p?.emulator?.cpuMsPerFlow <= GOALS.emulatorCpuMs, !!p?.emulator),
    ],
    [
      'RSS growth, 100k sessions, SQLite',
      `≤ ${GOALS.rssSqliteMB} MB`,
      rss && !rss.error ? `${fmt(rss.growthMB, 1)} MB` : 'not measured yet',
      ok(rss?.growthMB <= GOALS.rssSqliteMB, !!rss && !rss.error),
    ],
    [
      '`/api/*` proxy vs direct',
      `≥ ${pct(GOALS.proxyRatio)}`,
      px?.bff ? pct(proxyRatio(px)) : (px?.reason ?? 'not measured yet'),
      ok(px?.bff ? proxyRatio(px) >= GOALS.proxyRatio : false, !!px?.bff),
    ],
  ];
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

/** The whole of docs/performance.md. */
export function renderReport(results, { providerMarkdown }) {
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
    'How to run: `npm run build`, then `npm run bench` (about 10–15 minutes; needs Redis on 127.0.0.1:6379 or ' +
      '`REDIS_URL`). `--quick` for a short run while developing, `--runs N` (default 3), `--only ' +
      'session,login,provider,rss,proxy` for a subset, `--cpu-prof` for CPU profiles (see *Profiling*). ' +
      "Issue #3's provider benchmark also runs alone: `node bench/emulator-vs-mockpass.mjs`. Raw per-run " +
      'numbers of the last run: `.tmp/bench/results.json`.',
    '',
    machineSection(m, results),
    '',
    section('goals', goalsSummary(results)),
    '',
    section('session', sessionSection(results.session)),
    '',
    section('login', loginSection(results.login)),
    '',
    section(
      'provider',
      results.provider?.error
        ? `## Provider cost per login: our emulator vs MockPass 4.3.4\n\nnot measured: ${results.provider.error}`
        : providerMarkdown(results.provider),
    ),
    '',
    section('rss', rssSection(results.rss)),
    '',
    section('proxy', proxySection(results.proxy)),
    '',
    PROFILING,
  ].join('\n')}\n`;
}
