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
import { table } from '../lib/report.mjs';
import {
  DATABASE_URL,
  dropBenchSchema,
  startBff,
  startEmulator,
  startExpressSession,
  startRawJson,
} from '../lib/stack.mjs';
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

/**
 * The PostgreSQL server processes (one backend per pooled connection) serving the bench's BFF, found by
 * the `application_name` its DATABASE_URL sets, so that their CPU counts as the PostgreSQL store's.
 */
async function postgresBackendPids(applicationName) {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: DATABASE_URL, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    const { rows } = await client.query('SELECT pid FROM pg_stat_activity WHERE application_name = $1', [
      applicationName,
    ]);
    return rows.map((r) => Number(r.pid));
  } finally {
    await client.end();
  }
}

/** DATABASE_URL with an `application_name`, to find the BFF's backends in pg_stat_activity. */
function withApplicationName(url, name) {
  const u = new URL(url);
  u.searchParams.set('application_name', name);
  return u.href;
}

function headersOf(res, names) {
  const out = {};
  for (const n of names) if (res.headers[n] !== undefined) out[n] = String(res.headers[n]);
  return out;
}

/** The PostgreSQL schema of the bench's BFF: its own, dropped before and after, never the tests'. */
const PG_SCHEMA = `sgid_bff_bench_${process.pid}`;

/**
 * The targets, in the order they take turns and appear in the tables. `anon`: also measured without a
 * cookie (the raw ceiling, our BFF on SQLite and Redis, the express-session peer on Redis).
 */
export const TARGETS = [
  { key: 'raw', name: 'raw Node `http` (ceiling)', anon: true },
  { key: 'sqlite', name: 'our BFF, SQLite store', anon: true },
  { key: 'redis', name: 'our BFF, Redis store', anon: true },
  { key: 'postgres', name: 'our BFF, PostgreSQL store', anon: false },
  { key: 'expressRedis', name: 'Express + express-session + connect-redis (peer)', anon: true },
  { key: 'expressMemory', name: 'Express + express-session, default MemoryStore (peer)', anon: false },
];

/**
 * The check of every answer the load counts: exactly `expected`, except that our BFF's `idleExpiresAt`
 * (an ISO timestamp of fixed length, last in the JSON) moves on as the idle timer is extended during the
 * load. Cheap, so that the driver spends the same on every target.
 */
export function sessionBodyCheck(expected) {
  const at = expected.indexOf('"idleExpiresAt":"');
  if (at === -1) return (body) => body === expected;
  const head = expected.slice(0, at + '"idleExpiresAt":"'.length);
  const iso = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z"\}$/;
  return (body) =>
    body.length === expected.length && body.startsWith(head) && iso.test(body.slice(head.length));
}

/** Measure figures 1 and 2 (needs our bundles). */
export async function measure(opts, { client, bundles }) {
  if (!(bundles.emulator && bundles.bff)) return { error: 'not measured yet (bundles missing)' };
  const http = createHttpClient();
  const [emulatorPort, sqlitePort, redisPort, rawPort, pgPort, exRedisPort, exMemPort] = await Promise.all(
    Array.from({ length: 7 }, () => freePort()),
  );
  await dropBenchSchema(PG_SCHEMA);
  try {
    const emulator = await startEmulator({
      port: emulatorPort,
      client,
      redirectUris: [sqlitePort, redisPort, pgPort].map((p) => `http://localhost:${p}/auth/callback`),
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
      postgres: await startBff({
        port: pgPort,
        providerUrl: emulator.url,
        client,
        store: 'postgres',
        name: 'bff-postgres-session',
        cpuProf: opts.cpuProf,
        env: {
          ...NO_RATE_LIMIT,
          DATABASE_URL: withApplicationName(DATABASE_URL, PG_SCHEMA),
          DATABASE_SCHEMA: PG_SCHEMA,
        },
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
    // The peers hold the very JSON the SQLite BFF answered, in a session of their own.
    const peers = {
      expressRedis: await startExpressSession({
        port: exRedisPort,
        store: 'redis',
        name: 'express-session-redis',
        redisUrl: REDIS_URL,
        redisPrefix: redisPrefix('express-session'),
        http,
      }),
      expressMemory: await startExpressSession({
        port: exMemPort,
        store: 'memory',
        name: 'express-session-memory',
        http,
      }),
    };
    for (const [key, peer] of Object.entries(peers)) {
      cookies[key] = await peer.seed(captured.sqlite.auth.body);
      const auth = await http.request(`${peer.url}/auth/session`, { headers: { cookie: cookies[key] } });
      const anon = await http.request(`${peer.url}/auth/session`);
      if (auth.body !== captured.sqlite.auth.body || anon.body !== captured.sqlite.anon.body)
        throw new Error(`${key}: the peer does not answer the same session JSON as our BFF: ${auth.body}`);
      captured[key] = { auth, anon };
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
    // Every answer the load counts must be the body that target answered when probed (status 2xx).
    const servers = { raw, ...bffs, ...peers };
    const targets = { auth: {}, anon: {} };
    for (const { key, anon } of TARGETS) {
      const base = servers[key].url.replace('//localhost:', '//127.0.0.1:');
      targets.auth[key] = {
        url: `${base}/auth/session`,
        headers: { 'x-csrf': '1', cookie: cookies[key === 'raw' ? 'sqlite' : key] },
        verifyBody: sessionBodyCheck(captured[key === 'raw' ? 'sqlite' : key].auth.body),
      };
      if (anon)
        targets.anon[key] = {
          url: key === 'raw' ? `${base}/anonymous` : `${base}/auth/session`,
          headers: { 'x-csrf': '1' },
          verifyBody: sessionBodyCheck(captured[key === 'raw' ? 'sqlite' : key].anon.body),
        };
    }
    const redisPid = redisServerPid();
    const pids = Object.fromEntries(
      Object.entries(servers).map(([key, server]) => [key, { server: server.proc.pid }]),
    );
    if (redisPid) {
      pids.redis.store = redisPid;
      pids.expressRedis.store = redisPid;
    }
    const base = { connections: opts.readConnections };
    for (const kind of Object.keys(targets)) {
      for (const [key, t] of Object.entries(targets[kind])) {
        const warm = await load({ ...t, ...base, seconds: 1 });
        if (warm.ok === 0 || warm.non2xx || warm.mismatches)
          throw new Error(
            `${kind} ${key}: the warm-up load got ${warm.non2xx} non-2xx, ${warm.mismatches} wrong bodies`,
          );
      }
    }
    // The PostgreSQL store's CPU is that of the backends of the BFF's pool, which closes idle connections
    // (10 s): right before each sample, a short load fills the pool and its backends are looked up.
    const refreshPostgresPids = async () => {
      await load({ ...targets.auth.postgres, ...base, seconds: 1 });
      for (const k of Object.keys(pids.postgres)) if (k.startsWith('store')) delete pids.postgres[k];
      (await postgresBackendPids(PG_SCHEMA)).forEach((pid, i) => {
        pids.postgres[`store${i}`] = pid;
      });
    };
    const perRun = { auth: [], anon: [] };
    for (let run = 1; run <= opts.runs; run++) {
      for (const kind of Object.keys(targets)) {
        const row = {};
        for (const [name, t] of Object.entries(targets[kind])) {
          if (name === 'postgres') await refreshPostgresPids();
          const {
            result: r,
            cpu,
            attempts,
          } = await quietSample(() => load({ ...t, ...base, seconds: opts.readSeconds }), pids[name], {
            log,
          });
          const served = Math.max(1, r.ok);
          const storeKeys = Object.keys(pids[name]).filter((k) => k.startsWith('store'));
          const x = {
            ...r,
            serverUs: (cpu.server * 1000) / served,
            storeUs: storeKeys.length
              ? (storeKeys.reduce((sum, k) => sum + cpu[k], 0) * 1000) / served
              : Number.NaN,
            driverUs: (cpu.driver * 1000) / served,
            foreignCores: cpu.foreignCores,
            attempts,
          };
          row[name] = x;
          log(
            `${kind} read run ${run}/${opts.runs} ${name}: ${x.rps.toFixed(0)} req/s, p50 ${x.p50} ms, p99 ${x.p99} ms, ` +
              `server ${x.serverUs.toFixed(1)} µs/req${Number.isFinite(x.storeUs) ? ` + store ${x.storeUs.toFixed(1)}` : ''}, ` +
              `other work ${x.foreignCores.toFixed(2)} cores` +
              (x.non2xx || x.errors || x.mismatches
                ? `, ${x.non2xx} non-2xx, ${x.mismatches} wrong bodies, ${x.errors} errors (${x.timeouts} timeouts)`
                : ''),
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
          ...mediansOf(rows, ['rps', 'p50', 'p99', 'serverUs', 'storeUs', 'driverUs', 'foreignCores']),
          failures: rows.reduce((n, r) => n + r.non2xx + r.mismatches + r.errors, 0),
          timeouts: rows.reduce((n, r) => n + r.timeouts, 0),
          answered: rows.reduce((n, r) => n + r.ok, 0),
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
    await dropBenchSchema(PG_SCHEMA).catch((error) => log(`could not drop ${PG_SCHEMA}: ${error.message}`));
  }
}

// ------------------------------------------------------------------------------- report
/** CPU per answered request of the server process and of its store's processes (redis-server, PostgreSQL). */
const cpuUs = (x) => x.serverUs + (Number.isFinite(x.storeUs) ? x.storeUs : 0);
const STORE_LABEL = { redis: 'redis', postgres: 'PostgreSQL', expressRedis: 'redis' };
const rowsOf = (r, kind) => r?.perRun?.[kind] ?? [];
const has = (r, kind, key) => rowsOf(r, kind).some((row) => row[key]);
/** Per-run ratio of req/s, `key` over `base`. */
const rpsRatio = (r, kind, key, base = 'raw') =>
  runRatio(
    rowsOf(r, kind).filter((row) => row[key] && row[base]),
    (row) => row[key].rps,
    (row) => row[base].rps,
  );
/** Per-run ratio of CPU per request, `key`'s over `base`'s (lower is cheaper). */
const cpuOver = (r, kind, key, base) =>
  runRatio(
    rowsOf(r, kind).filter((row) => row[key] && row[base]),
    (row) => cpuUs(row[key]),
    (row) => cpuUs(row[base]),
  );
const readRatio = (r, kind, name) => rpsRatio(r, kind, name);
const readCpuRatio = (r, kind, name) => 1 / cpuOver(r, kind, name, 'raw');

function readSection(title, r, kind, goals) {
  if (!r || r.error) return `### ${title}\n\n${failed(r) || notMeasured(title)}`;
  const peer = 'expressRedis';
  const rows = TARGETS.filter(({ key }) => r[kind]?.[key]).map(({ key, name }) => {
    const x = r[kind][key];
    const raw = key === 'raw';
    return [
      name,
      fmt(x.rps),
      raw ? '100 %' : pct(readRatio(r, kind, key)),
      has(r, kind, peer) ? `${fmt(rpsRatio(r, kind, key, peer), 2)}×` : '—',
      fmt(x.p50),
      fmt(x.p99),
      Number.isFinite(x.storeUs)
        ? `${fmt(x.serverUs, 1)} + ${fmt(x.storeUs, 1)} ${STORE_LABEL[key]}`
        : fmt(x.serverUs, 1),
      raw ? '100 %' : pct(readCpuRatio(r, kind, key)),
      has(r, kind, peer) ? `${fmt(cpuOver(r, kind, key, peer), 2)}×` : '—',
      fmt(x.foreignCores, 2),
      `${x.answered ?? '—'} / ${x.failures}${x.timeouts ? ` (${x.timeouts} timeouts)` : ''}`,
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
        'req/s vs express-session + connect-redis',
        'p50 ms',
        'p99 ms',
        'server CPU µs / req (+ store)',
        'CPU ratio (raw ÷ ours)',
        'CPU / req vs express-session + connect-redis',
        'other work (cores)',
        'checked answers / failed (all runs)',
      ],
      rows,
    ),
  ];
  if (goals) {
    lines.push(
      '',
      `Goals: ${goalRows(r)
        .map(([figure, goal, measured, v]) => `${figure} ${goal} — ${v} (${measured})`)
        .join('; ')}.`,
    );
  }
  return lines.join('\n');
}

/** The Markdown section of figures 1 and 2. */
export function render(r) {
  const intro =
    r && !r.error
      ? `autocannon, ${r.connections} connections, ${r.seconds} s per target per run, medians of ${r.runs} runs; the ` +
        'targets take turns within each run. The raw server answers the very bytes our BFF answered ' +
        `(${r.bodies.auth} bytes of session JSON; \`${r.bodies.anon}\` anonymously) with the same ` +
        '`content-type` and `cache-control`, so the ratio is what the BFF costs over a bare socket. ' +
        'The peers are what a team hand-writing a BFF around the official SDK would build: Express 4 with ' +
        '`express-session` (`resave: false`, `saveUninitialized: false`, a signed cookie with a 30-minute ' +
        '`maxAge`), its sessions in Redis through `connect-redis` or in its default MemoryStore ' +
        '(`bench/peers/express-session.mjs`); each holds the same session JSON (as the user object, answered ' +
        'with `res.json`) for its own cookie. ' +
        'Requests send `X-CSRF: 1` (and the session cookie) to the default `GET /auth/session`, which extends ' +
        'the idle timer (the BFF writes it only when it moves by more than a step, so steady reads are one ' +
        "indexed store read; express-session re-sets the Redis key's TTL on every read). Every answer is " +
        'checked: a non-2xx status, a body other than the one the target answered before the load, a ' +
        'connection error or a timeout counts as failed and not as an answer. Our PostgreSQL row runs on ' +
        '`DATABASE_URL` (default `postgres://postgres@127.0.0.1:5432/test`) in a schema of its own ' +
        '(`sgid_bff_bench_<pid>`, dropped before and after). autocannon reports latency in whole ms. ' +
        "*Server CPU µs / req* is the server process's utime+stime over the load ÷ answered requests, plus its " +
        "store's (redis-server; the PostgreSQL backends of the BFF's pool); the CPU ratios compare those " +
        'totals, and unlike req/s do not depend on how much of the two cores the load generator or other ' +
        'work on the machine took. *Other work* is how many cores processes outside the benchmark kept busy ' +
        'during the sample (redis-server and PostgreSQL serve other clients too, which then count as ours): ' +
        'a sample with more than 0.3 is taken again (up to 3 times, keeping the quietest) during the first 8 ' +
        'minutes of a run and until retakes keep failing, so that a run on a busy machine still ends in time.'
      : '';
  return [
    '## 1–2. Session reads: `GET /auth/session` vs raw Node and express-session',
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
  const ok = !!s && !s.error;
  const m = (text) => (ok ? text() : 'not measured yet');
  const peer = 'expressRedis';
  const havePeer = ok && has(s, 'auth', peer);
  const sq = ok ? readRatio(s, 'auth', 'sqlite') : Number.NaN;
  const rd = ok ? readRatio(s, 'auth', 'redis') : Number.NaN;
  const p99 = ok ? Math.max(s.auth.sqlite.p99, s.auth.redis.p99) : Number.NaN;
  const vsPeer = (key) => rpsRatio(s, 'auth', key, peer);
  const cpuVsPeer = (key) => cpuOver(s, 'auth', key, peer);
  const rows = [
    [
      'authenticated session read, SQLite',
      `≥ ${pct(GOALS.readSqlite)} of raw Node`,
      m(() => `${pct(sq)} (CPU ratio ${pct(readCpuRatio(s, 'auth', 'sqlite'))})`),
      goalVerdict(sq >= GOALS.readSqlite, ok),
    ],
    [
      'authenticated session read, Redis',
      `≥ ${pct(GOALS.readRedis)} of raw Node`,
      m(() => `${pct(rd)} (CPU ratio ${pct(readCpuRatio(s, 'auth', 'redis'))})`),
      goalVerdict(rd >= GOALS.readRedis, ok),
    ],
  ];
  for (const [key, label] of [
    ['sqlite', 'SQLite'],
    ['redis', 'Redis'],
  ]) {
    rows.push(
      [
        `session read req/s, ${label}, vs express-session + connect-redis`,
        `≥ ${GOALS.readVsExpress}×`,
        havePeer ? `${fmt(vsPeer(key), 2)}×` : 'not measured yet',
        goalVerdict(vsPeer(key) >= GOALS.readVsExpress, havePeer),
      ],
      [
        `session read CPU µs / req, ${label}, vs express-session + connect-redis (each with its store)`,
        `≤ ${GOALS.readCpuVsExpress}×`,
        havePeer ? `${fmt(cpuVsPeer(key), 2)}×` : 'not measured yet',
        goalVerdict(cpuVsPeer(key) <= GOALS.readCpuVsExpress, havePeer),
      ],
    );
  }
  rows.push([
    'session read p99 (SQLite, Redis)',
    `≤ ${GOALS.readP99Ms} ms`,
    m(() => `${fmt(s.auth.sqlite.p99)} ms, ${fmt(s.auth.redis.p99)} ms`),
    goalVerdict(p99 <= GOALS.readP99Ms, ok),
  ]);
  if (ok && has(s, 'auth', 'postgres'))
    rows.push([
      'authenticated session read, PostgreSQL (issue #14: measured, no goal set)',
      '—',
      `${pct(readRatio(s, 'auth', 'postgres'))} of raw Node (CPU ratio ${pct(readCpuRatio(s, 'auth', 'postgres'))}); ${fmt(vsPeer('postgres'), 2)}× express-session + connect-redis`,
      '—',
    ]);
  return rows;
}
