// Figure 7: what the BFF's `/api/*` proxy costs: a small JSON API on a raw Node upstream, called directly
// and through the BFF (session cookie, identity token, second hop); req/s, latency and CPU per request.
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
  runRatio,
} from '../lib/figure.mjs';
import { bffLoginFlow } from '../lib/flow.mjs';
import { createHttpClient } from '../lib/http.mjs';
import { load } from '../lib/load.mjs';
import { stopAll } from '../lib/procs.mjs';
import { table, verdict } from '../lib/report.mjs';
import { startBff, startEmulator, startRawJson } from '../lib/stack.mjs';
import { fmt, pct } from '../lib/stats.mjs';

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
    // The driver is one logged-in session on `readConnections` (50) connections: the per-session bound
    // (default 16, a defence against one user) is raised so the figure measures the proxy, not the bound.
    API_MAX_CONCURRENT_PER_SESSION: '64',
  };
}

/** Measure figure 7 (the direct path only when our bundles are missing). */
export async function measure(opts, { client, bundles }) {
  const haveOurs = bundles.emulator && bundles.bff;
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

// ------------------------------------------------------------------------------- report
const proxyRatio = (px) =>
  runRatio(
    px.perRun,
    (row) => row.bff?.rps,
    (row) => row.direct.rps,
  );
/** The Markdown section of figure 7. */
export function render(r) {
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

/** The row of the goals table for figure 7. */
export function goalRows(px) {
  return [
    [
      '`/api/*` proxy vs direct',
      `≥ ${pct(GOALS.proxyRatio)}`,
      px?.bff ? pct(proxyRatio(px)) : (px?.reason ?? 'not measured yet'),
      goalVerdict(px?.bff ? proxyRatio(px) >= GOALS.proxyRatio : false, !!px?.bff),
    ],
  ];
}
