#!/usr/bin/env node
// `npm run bench`: every figure of docs/performance.md, each a ratio measured side by side in the same run,
// medians of N runs (default 3). Builds nothing: run `npm run build` first. Everything listens on
// 127.0.0.1; every load is bounded in count and in time.
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
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { freePort } from '../scripts/lib/processes.mjs';
import { providerBench, providerMarkdown } from './emulator-vs-mockpass.mjs';
import { bffLoginFlow, officialExampleFlow, runFlows } from './lib/flow.mjs';
import { createHttpClient } from './lib/http.mjs';
import { load } from './lib/load.mjs';
import { quietSample, setRetryDeadline } from './lib/proc.mjs';
import { profileDir, root, stopAll, tmpDir } from './lib/procs.mjs';
import { renderReport } from './lib/render.mjs';
import { machineInfo } from './lib/report.mjs';
import {
  benchClient,
  bundlesPresent,
  startBff,
  startEmulator,
  startMockpass,
  startOfficialExample,
  startRawJson,
} from './lib/stack.mjs';
import { median } from './lib/stats.mjs';

// ---------------------------------------------------------------------------------------------- options
function parseArgs(argv) {
  const value = (name) => {
    const i = argv.indexOf(`--${name}`);
    return i === -1 ? undefined : argv[i + 1];
  };
  const quick = argv.includes('--quick');
  const runs = Math.min(10, Math.max(1, Number(value('runs') ?? (quick ? 1 : 3))));
  const all = ['session', 'login', 'provider', 'rss', 'proxy'];
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

const log = (s) => console.log(`[bench] ${s}`);
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
/** Rate limits are per minute per IP and every flow here comes from 127.0.0.1: raise them for the load. */
const NO_RATE_LIMIT = { RATE_LIMIT_LOGIN: '100000', RATE_LIMIT_CALLBACK: '100000' };
const redisPrefix = (what) => `sgid-bff-bench-${process.pid}-${what}:`;

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

/** Medians of each numeric field over the runs of one target. */
function mediansOf(rows, fields) {
  return Object.fromEntries(fields.map((f) => [f, median(rows.map((r) => r[f]))]));
}

// ------------------------------------------------------------------------------- 1 + 2: session reads
async function sessionFigures(opts, client) {
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

// ------------------------------------------------------------------------------- 3 + 4 + 5: login flows
async function loginFigures(opts, client, haveOurs) {
  const http = createHttpClient({ maxSockets: 256 });
  const [emulatorPort, bffPort, mockpassPort, peerPort, bffMpPort] = await Promise.all(
    Array.from({ length: 5 }, () => freePort()),
  );
  try {
    const mockpass = await startMockpass({ port: mockpassPort, client, name: 'mockpass-login' });
    const peer = await startOfficialExample({ port: peerPort, providerUrl: mockpass.url, client });
    const pairings = [];
    if (haveOurs) {
      const emulator = await startEmulator({
        port: emulatorPort,
        client,
        redirectUris: [`http://localhost:${bffPort}/auth/callback`],
        cpuProf: opts.cpuProf,
        name: 'emulator-login',
      });
      const bff = await startBff({
        port: bffPort,
        providerUrl: emulator.url,
        client,
        store: 'sqlite',
        name: 'bff-login',
        cpuProf: opts.cpuProf,
        env: NO_RATE_LIMIT,
      });
      pairings.push({
        key: 'bff-emulator',
        name: 'our BFF + our emulator',
        flow: () => bffLoginFlow(http, bff.url),
        pids: { app: bff.proc.pid, provider: emulator.proc.pid },
      });
    }
    pairings.push({
      key: 'example-mockpass',
      name: 'official example + MockPass',
      flow: () => officialExampleFlow(http, peer.url),
      pids: { app: peer.proc.pid, provider: mockpass.proc.pid },
    });
    if (haveOurs) {
      const bffMp = await startBff({
        port: bffMpPort,
        providerUrl: mockpass.url,
        client,
        store: 'sqlite',
        name: 'bff-mockpass',
        cpuProf: opts.cpuProf,
        env: { ...NO_RATE_LIMIT, SGID_COMPAT: 'mockpass' },
      });
      pairings.push({
        key: 'bff-mockpass',
        name: 'our BFF + MockPass',
        flow: () => bffLoginFlow(http, bffMp.url),
        pids: { app: bffMp.proc.pid, provider: mockpass.proc.pid },
      });
    }
    for (const p of pairings) {
      await p.flow(); // one complete login first: fail loudly, not under load
      await runFlows({ flow: p.flow, concurrency: 4, maxFlows: 100, maxMs: 3000 }); // warm-up
    }
    const perRun = [];
    for (let run = 1; run <= opts.runs; run++) {
      const row = {};
      for (const concurrency of [1, 16]) {
        for (const p of pairings) {
          const { result: r, cpu } = await quietSample(
            () => runFlows({ flow: p.flow, concurrency, ...opts.login[concurrency] }),
            p.pids,
            { log },
          );
          const perFlow = {
            app: cpu.app / r.flows,
            provider: cpu.provider / r.flows,
            driver: cpu.driver / r.flows,
          };
          row[`${p.key}@${concurrency}`] = { ...r, cpu: perFlow, foreignCores: cpu.foreignCores };
          log(
            `login run ${run}/${opts.runs} c=${concurrency} ${p.name}: ${r.flowsPerSec.toFixed(0)} flows/s, ` +
              `p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms, CPU/flow app ${perFlow.app.toFixed(2)} ms, ` +
              `provider ${perFlow.provider.toFixed(2)} ms, driver ${perFlow.driver.toFixed(2)} ms, ` +
              `other work ${cpu.foreignCores.toFixed(2)} cores` +
              (r.errors ? `, ${r.errors} errors (${r.firstError})` : ''),
          );
        }
      }
      perRun.push(row);
    }
    const medians = {};
    for (const p of pairings) {
      for (const concurrency of [1, 16]) {
        const rows = perRun.map((r) => r[`${p.key}@${concurrency}`]);
        medians[`${p.key}@${concurrency}`] = {
          name: p.name,
          concurrency,
          ...mediansOf(rows, ['flowsPerSec', 'p50', 'p99', 'foreignCores']),
          cpu: {
            app: median(rows.map((r) => r.cpu.app)),
            provider: median(rows.map((r) => r.cpu.provider)),
            driver: median(rows.map((r) => r.cpu.driver)),
          },
          flows: rows.reduce((n, r) => n + r.flows, 0),
          errors: rows.reduce((n, r) => n + r.errors, 0),
          firstError: rows.find((r) => r.firstError)?.firstError,
        };
      }
    }
    return { runs: opts.runs, bounds: opts.login, pairings: pairings.map((p) => p.key), medians, perRun };
  } finally {
    http.close();
    await stopAll();
  }
}

// ------------------------------------------------------------------------------- 6: RSS of 100k sessions
function runRss(store, count) {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [
        '--expose-gc',
        path.join(root, 'bench', 'sessions-rss.mjs'),
        '--store',
        store,
        '--count',
        String(count),
      ],
      { cwd: root, env: { ...process.env, REDIS_URL }, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), 180_000);
    child.stdout.on('data', (c) => {
      out += c;
    });
    child.on('exit', () => {
      clearTimeout(timer);
      const line = out.trim().split('\n').pop() ?? '';
      try {
        resolve(JSON.parse(line));
      } catch {
        resolve({ store, error: `no result: ${out.slice(0, 300)}` });
      }
    });
  });
}

async function rssFigures(opts) {
  const stores = ['sqlite', 'redis', 'memory'];
  const perRun = [];
  for (let run = 1; run <= opts.runs; run++) {
    const row = {};
    for (const store of stores) {
      row[store] = await runRss(store, opts.rssCount);
      const r = row[store];
      log(
        r.error
          ? `rss run ${run}/${opts.runs} ${store}: ${r.error}`
          : `rss run ${run}/${opts.runs} ${store}: +${r.growthMB.toFixed(1)} MB RSS for ${r.count} sessions ` +
              `(${r.seconds.toFixed(1)} s${r.redisServerGrowthMB ? `, redis-server +${r.redisServerGrowthMB.toFixed(1)} MB` : ''})`,
      );
    }
    perRun.push(row);
    if (stores.every((s) => row[s].error)) break; // nothing to measure (no store export): don't repeat
  }
  const medians = {};
  for (const store of stores) {
    const rows = perRun.map((r) => r[store]).filter((r) => !r.error);
    medians[store] = rows.length
      ? {
          ...mediansOf(rows, [
            'growthMB',
            'secondHalfGrowthMB',
            'seconds',
            'redisServerGrowthMB',
            'rssAfterMB',
          ]),
          readBack: rows.every((r) => r.readBack),
        }
      : { error: perRun[0][store].error };
  }
  return { count: opts.rssCount, runs: perRun.length, medians, perRun };
}

// ------------------------------------------------------------------------------- 7: proxy overhead
/**
 * The BFF configuration that routes /api/bench/* to the upstream (`API_ROUTES`, docs/configuration.md):
 * `/api/bench/items` goes to `<upstream base>/items`, so the base carries `/api/bench` and the upstream
 * sees the same path as when called directly. One claim, as an SPA's API route would ask for.
 */
function proxyEnv(upstreamUrl) {
  return {
    API_ROUTES: JSON.stringify([
      {
        prefix: '/api/bench',
        upstream: `${upstreamUrl}/api/bench`,
        methods: ['GET'],
        claims: ['myinfo.name'],
      },
    ]),
  };
}

async function proxyFigure(opts, client, haveOurs) {
  const http = createHttpClient();
  const [upstreamPort, emulatorPort, bffPort] = await Promise.all([freePort(), freePort(), freePort()]);
  const body = JSON.stringify({
    items: Array.from({ length: 10 }, (_, i) => ({ id: i, name: `item ${i}` })),
  });
  try {
    const upstream = await startRawJson({
      port: upstreamPort,
      name: 'upstream',
      responses: {
        '/api/bench/items': { status: 200, headers: { 'content-type': 'application/json' }, body },
      },
    });
    const direct = { url: `${upstream.url}/api/bench/items`, headers: {} };
    let viaBff;
    let reason = 'n/a';
    if (haveOurs) {
      const emulator = await startEmulator({
        port: emulatorPort,
        client,
        redirectUris: [`http://localhost:${bffPort}/auth/callback`],
        name: 'emulator-proxy',
      });
      const bff = await startBff({
        port: bffPort,
        providerUrl: emulator.url,
        client,
        name: 'bff-proxy',
        cpuProf: opts.cpuProf,
        env: { ...NO_RATE_LIMIT, ...proxyEnv(upstream.url) },
      });
      const jar = await bffLoginFlow(http, bff.url);
      const headers = { 'x-csrf': '1', cookie: jar.headerFor({ url: new URL(bff.url) }) };
      const probe = await http.request(`${bff.url}/api/bench/items`, { headers });
      if (probe.status === 200 && probe.body === body)
        viaBff = { url: `${bff.url}/api/bench/items`, headers, pid: bff.proc.pid };
      else reason = `n/a (GET /api/bench/items through the BFF answered ${probe.status})`;
    } else {
      reason = 'n/a (BFF bundle missing)';
    }
    const perRun = [];
    const base = { connections: opts.readConnections, seconds: opts.proxySeconds };
    await load({ ...direct, ...base, seconds: 1 });
    if (viaBff) await load({ ...viaBff, ...base, seconds: 1 });
    const sample = async (target, pids) => {
      const { result, cpu } = await quietSample(() => load({ ...target, ...base }), pids, { log });
      const served = Math.max(1, result.ok);
      const usPerReq = (ms) => (ms === undefined ? undefined : (ms * 1000) / served);
      return {
        ...result,
        foreignCores: cpu.foreignCores,
        upstreamUsPerReq: usPerReq(cpu.upstream),
        bffUsPerReq: usPerReq(cpu.bff),
        driverUsPerReq: usPerReq(cpu.driver),
      };
    };
    for (let run = 1; run <= opts.runs; run++) {
      const row = { direct: await sample(direct, { upstream: upstream.proc.pid }) };
      if (viaBff) row.bff = await sample(viaBff, { upstream: upstream.proc.pid, bff: viaBff.pid });
      log(
        `proxy run ${run}/${opts.runs}: direct ${row.direct.rps.toFixed(0)} req/s` +
          ` (upstream ${row.direct.upstreamUsPerReq.toFixed(1)} µs/req, driver ${row.direct.driverUsPerReq.toFixed(1)})` +
          (row.bff
            ? `, through the BFF ${row.bff.rps.toFixed(0)} req/s (BFF ${row.bff.bffUsPerReq.toFixed(1)} µs/req, upstream ${row.bff.upstreamUsPerReq.toFixed(1)}, driver ${row.bff.driverUsPerReq.toFixed(1)}, other work ${row.bff.foreignCores.toFixed(2)} cores)`
            : `, through the BFF: ${reason}`),
      );
      perRun.push(row);
    }
    const summarize = (name) => {
      const rows = perRun.map((r) => r[name]).filter(Boolean);
      return rows.length
        ? {
            ...mediansOf(rows, ['rps', 'p50', 'p99', 'foreignCores', 'upstreamUsPerReq', 'driverUsPerReq']),
            ...(name === 'bff' ? mediansOf(rows, ['bffUsPerReq']) : {}),
            failures: rows.reduce((n, r) => n + r.non2xx + r.errors, 0),
          }
        : undefined;
    };
    return {
      runs: opts.runs,
      seconds: opts.proxySeconds,
      direct: summarize('direct'),
      bff: summarize('bff'),
      reason,
      perRun,
    };
  } finally {
    http.close();
    await stopAll();
  }
}

// ------------------------------------------------------------------------------- main
async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const bundles = bundlesPresent();
  const haveOurs = bundles.emulator && bundles.bff;
  if (!haveOurs) {
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
  await attempt('session', () =>
    haveOurs ? sessionFigures(opts, client) : { error: 'not measured yet (bundles missing)' },
  );
  await attempt('login', () => loginFigures(opts, client, haveOurs));
  await attempt('provider', () =>
    providerBench({ runs: opts.runs, quick: opts.quick, cpuProf: opts.cpuProf, log }),
  );
  await attempt('rss', () =>
    bundles.bffIndex ? rssFigures(opts) : { error: 'not measured yet (BFF bundle missing)' },
  );
  await attempt('proxy', () => proxyFigure(opts, client, haveOurs));
  if (!opts.merge) results.elapsedSeconds = (Date.now() - started) / 1000;
  save();
  const markdown = renderReport(results, { providerMarkdown });
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

const NOTES_BEGIN = '<!-- notes:begin -->';
const NOTES_END = '<!-- notes:end -->';
/** The hand-written notes of the report being replaced (between NOTES_BEGIN and NOTES_END), kept as they are. */
function readNotes(file) {
  if (!existsSync(file)) return undefined;
  const text = readFileSync(file, 'utf8');
  const start = text.indexOf(NOTES_BEGIN);
  const stop = text.indexOf(NOTES_END);
  return start !== -1 && stop > start ? text.slice(start, stop + NOTES_END.length) : undefined;
}
