// Figures 1 and 2: `GET /auth/session` of our BFF (SQLite and Redis stores) against a raw Node server
// answering the same bytes, authenticated (session cookie) and anonymous; req/s, latency and server CPU
// per request, medians of N runs with the three targets taking turns within each run.
import { execFileSync } from 'node:child_process';
import { freePort } from '../../scripts/lib/processes.mjs';
import { quietSample } from '../lib/cpu.mjs';
import {
  failed,
  GOALS,
  goalVerdict,
  log,
  mediansOf,
  NO_RATE_LIMIT,
  notMeasured,
  REDIS_URL,
  redisPrefix,
  runRatio,
} from '../lib/figure.mjs';
import { bffLoginFlow } from '../lib/flow.mjs';
import { createHttpClient } from '../lib/http.mjs';
import { load } from '../lib/load.mjs';
import { stopAll } from '../lib/procs.mjs';
import { table, verdict } from '../lib/report.mjs';
import { startBff, startEmulator, startRawJson } from '../lib/stack.mjs';
import { fmt, pct } from '../lib/stats.mjs';

/** The pid of the local redis-server, so that its CPU counts as the Redis store's (not as other work). */
function redisServerPid() {
  try {
    const out = execFileSync('redis-cli', ['-u', REDIS_URL, 'info', 'server'], { encoding: 'utf8' });
    const pid = Number(/process_id:(\d+)/.exec(out)?.[1]);
    return Number.isFinite(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function headersOf(res, names) {
  const out = {};
  for (const n of names) if (res.headers[n] !== undefined) out[n] = String(res.headers[n]);
  return out;
}

/** Measure figures 1 and 2 (needs our bundles). */
export async function measure(opts, { client, bundles }) {
  if (!(bundles.emulator && bundles.bff)) return { error: 'not measured yet (bundles missing)' };
  const http = createHttpClient();
  const [emulatorPort, sqlitePort, redisPort, rawPort] = await Promise.all([
    freePort(),
    freePort(),
    freePort(),
    freePort(),
  ]);
  try {
    const emulator = await startEmulator({
      port: emulatorPort,
      client,
      redirectUris: [sqlitePort, redisPort].map((p) => `http://localhost:${p}/auth/callback`),
      cpuProf: opts.cpuProf,
      name: 'emulator-session',
    });
    const bffs = {
      sqlite: await startBff({
        port: sqlitePort,
        providerUrl: emulator.url,
        client,
        store: 'sqlite',
        name: 'bff-sqlite-session',
        cpuProf: opts.cpuProf,
        env: NO_RATE_LIMIT,
      }),
      redis: await startBff({
        port: redisPort,
        providerUrl: emulator.url,
        client,
        store: 'redis',
        name: 'bff-redis-session',
        cpuProf: opts.cpuProf,
        env: { ...NO_RATE_LIMIT, REDIS_URL, REDIS_KEY_PREFIX: redisPrefix('session') },
      }),
    };
    // One login per BFF: its session cookie is what the load sends.
    const cookies = {};
    const captured = {};
    for (const [store, bff] of Object.entries(bffs)) {
      const jar = await bffLoginFlow(http, bff.url);
      cookies[store] = jar.headerFor({ url: new URL(bff.url) });
      const auth = await http.request(`${bff.url}/auth/session`, {
        headers: { 'x-csrf': '1', cookie: cookies[store] },
      });
      const anon = await http.request(`${bff.url}/auth/session`, { headers: { 'x-csrf': '1' } });
      captured[store] = { auth, anon };
    }
    // The ceiling answers exactly what the SQLite BFF answered, with the same content headers.
    const keep = ['content-type', 'cache-control'];
    const raw = await startRawJson({
      port: rawPort,
      responses: {
        '/auth/session': {
          status: 200,
          headers: headersOf(captured.sqlite.auth, keep),
          body: captured.sqlite.auth.body,
        },
        '/anonymous': {
          status: 200,
          headers: headersOf(captured.sqlite.anon, keep),
          body: captured.sqlite.anon.body,
        },
      },
    });
    const targets = {
      auth: {
        raw: { url: `${raw.url}/auth/session`, headers: { 'x-csrf': '1', cookie: cookies.sqlite } },
        sqlite: {
          url: `${bffs.sqlite.url}/auth/session`,
          headers: { 'x-csrf': '1', cookie: cookies.sqlite },
        },
        redis: { url: `${bffs.redis.url}/auth/session`, headers: { 'x-csrf': '1', cookie: cookies.redis } },
      },
      anon: {
        raw: { url: `${raw.url}/anonymous`, headers: { 'x-csrf': '1' } },
        sqlite: { url: `${bffs.sqlite.url}/auth/session`, headers: { 'x-csrf': '1' } },
        redis: { url: `${bffs.redis.url}/auth/session`, headers: { 'x-csrf': '1' } },
      },
    };
    const redisPid = redisServerPid();
    const pids = {
      raw: { server: raw.proc.pid },
      sqlite: { server: bffs.sqlite.proc.pid },
      redis: redisPid ? { server: bffs.redis.proc.pid, redis: redisPid } : { server: bffs.redis.proc.pid },
    };
    const base = { connections: opts.readConnections };
    for (const kind of Object.keys(targets)) {
      for (const t of Object.values(targets[kind])) await load({ ...t, ...base, seconds: 1 }); // warm-up
    }
    const perRun = { auth: [], anon: [] };
    for (let run = 1; run <= opts.runs; run++) {
      for (const kind of Object.keys(targets)) {
        const row = {};
        for (const [name, t] of Object.entries(targets[kind])) {
          const {
            result: r,
            cpu,
            attempts,
          } = await quietSample(() => load({ ...t, ...base, seconds: opts.readSeconds }), pids[name], {
            log,
          });
          const x = {
            ...r,
            serverUs: (cpu.server * 1000) / r.ok,
            redisUs: cpu.redis === undefined ? Number.NaN : (cpu.redis * 1000) / r.ok,
            driverUs: (cpu.driver * 1000) / r.ok,
            foreignCores: cpu.foreignCores,
            attempts,
          };
          row[name] = x;
          log(
            `${kind} read run ${run}/${opts.runs} ${name}: ${x.rps.toFixed(0)} req/s, p50 ${x.p50} ms, p99 ${x.p99} ms, ` +
              `server ${x.serverUs.toFixed(1)} µs/req${Number.isFinite(x.redisUs) ? ` + redis ${x.redisUs.toFixed(1)}` : ''}, ` +
              `other work ${x.foreignCores.toFixed(2)} cores` +
              (x.non2xx || x.errors ? `, ${x.non2xx} non-2xx, ${x.errors} errors` : ''),
          );
        }
        perRun[kind].push(row);
      }
    }
    const summarize = (kind) => {
      const out = {};
      for (const name of Object.keys(targets[kind])) {
        const rows = perRun[kind].map((r) => r[name]);
        out[name] = {
          ...mediansOf(rows, ['rps', 'p50', 'p99', 'serverUs', 'redisUs', 'driverUs', 'foreignCores']),
          failures: rows.reduce((n, r) => n + r.non2xx + r.errors, 0),
        };
      }
      return out;
    };
    return {
      connections: opts.readConnections,
      seconds: opts.readSeconds,
      runs: opts.runs,
      bodies: { auth: captured.sqlite.auth.body.length, anon: captured.sqlite.anon.body },
      auth: summarize('auth'),
      anon: summarize('anon'),
      perRun,
    };
  } finally {
    http.close();
    await stopAll();
  }
}

// ------------------------------------------------------------------------------- report
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

/** The Markdown section of figures 1 and 2. */
export function render(r) {
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

/** The rows of the goals table for figures 1 and 2. */
export function goalRows(s) {
  const haveS = s && !s.error;
  const sq = haveS ? readRatio(s, 'auth', 'sqlite') : Number.NaN;
  const rd = haveS ? readRatio(s, 'auth', 'redis') : Number.NaN;
  const p99 = haveS ? Math.max(s.auth.sqlite.p99, s.auth.redis.p99) : Number.NaN;
  return [
    [
      'authenticated session read, SQLite',
      `≥ ${pct(GOALS.readSqlite)} of raw Node`,
      haveS ? `${pct(sq)} (CPU ratio ${pct(readCpuRatio(s, 'auth', 'sqlite'))})` : 'not measured yet',
      goalVerdict(sq >= GOALS.readSqlite, haveS),
    ],
    [
      'authenticated session read, Redis',
      `≥ ${pct(GOALS.readRedis)} of raw Node`,
      haveS ? `${pct(rd)} (CPU ratio ${pct(readCpuRatio(s, 'auth', 'redis'))})` : 'not measured yet',
      goalVerdict(rd >= GOALS.readRedis, haveS),
    ],
    [
      'session read p99 (SQLite, Redis)',
      `≤ ${GOALS.readP99Ms} ms`,
      haveS ? `${fmt(s.auth.sqlite.p99)} ms, ${fmt(s.auth.redis.p99)} ms` : 'not measured yet',
      goalVerdict(p99 <= GOALS.readP99Ms, haveS),
    ],
  ];
}
