// Figure 7: what the BFF's `/api/*` proxy costs: a small JSON API on a raw Node upstream, called directly
// and through the BFF (session cookie, identity token, second hop); req/s, latency and CPU per request.

import path from 'node:path';
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
import { root, startNode, stopAll } from '../lib/procs.mjs';
import { table } from '../lib/report.mjs';
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
  const [upstreamPort, emulatorPort, bffPort, barePort] = await Promise.all([
    freePort(),
    freePort(),
    freePort(),
    freePort(),
  ]);
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
    const direct = { url: `${upstream.url}/api/bench/items`, headers: {}, expectBody: body };
    // The floor of any Node reverse proxy, in front of the same upstream (bench/peers/bare-proxy.mjs).
    const bareProc = startNode({
      name: 'bare-proxy',
      script: path.join(root, 'bench', 'peers', 'bare-proxy.mjs'),
      env: { PORT: String(barePort), HOST: '127.0.0.1', UPSTREAM: upstream.url, PREFIX: '/api/bench' },
    });
    await bareProc.waitForHttp(`http://127.0.0.1:${barePort}/api/bench/items`);
    const bare = {
      url: `http://127.0.0.1:${barePort}/api/bench/items`,
      headers: {},
      expectBody: body,
      pid: bareProc.pid,
    };
    const bareProbe = await http.request(bare.url);
    if (bareProbe.status !== 200 || bareProbe.body !== body)
      throw new Error(`the bare proxy answered ${bareProbe.status}: ${bareProbe.body.slice(0, 200)}`);
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
        viaBff = {
          url: `${bff.url}/api/bench/items`.replace('//localhost:', '//127.0.0.1:'),
          headers,
          pid: bff.proc.pid,
          expectBody: body,
        };
      else reason = `n/a (GET /api/bench/items through the BFF answered ${probe.status})`;
    } else {
      reason = 'n/a (BFF bundle missing)';
    }
    const perRun = [];
    const base = { connections: opts.readConnections, seconds: opts.proxySeconds };
    for (const target of [direct, bare, viaBff].filter(Boolean)) {
      const warm = await load({ ...target, ...base, seconds: 1 });
      if (warm.ok === 0 || warm.non2xx || warm.mismatches)
        throw new Error(`${target.url}: warm-up got ${warm.non2xx} non-2xx, ${warm.mismatches} wrong bodies`);
    }
    const sample = async (target, pids) => {
      const { result, cpu } = await quietSample(() => load({ ...target, ...base }), pids, { log });
      const served = Math.max(1, result.ok);
      const usPerReq = (ms) => (ms === undefined ? undefined : (ms * 1000) / served);
      return {
        ...result,
        foreignCores: cpu.foreignCores,
        upstreamUsPerReq: usPerReq(cpu.upstream),
        bffUsPerReq: usPerReq(cpu.bff),
        proxyUsPerReq: usPerReq(cpu.bff ?? cpu.bare),
        driverUsPerReq: usPerReq(cpu.driver),
      };
    };
    for (let run = 1; run <= opts.runs; run++) {
      const row = { direct: await sample(direct, { upstream: upstream.proc.pid }) };
      row.bare = await sample(bare, { upstream: upstream.proc.pid, bare: bare.pid });
      if (viaBff) row.bff = await sample(viaBff, { upstream: upstream.proc.pid, bff: viaBff.pid });
      log(
        `proxy run ${run}/${opts.runs}: direct ${row.direct.rps.toFixed(0)} req/s` +
          ` (upstream ${row.direct.upstreamUsPerReq.toFixed(1)} µs/req, driver ${row.direct.driverUsPerReq.toFixed(1)})` +
          `, bare proxy ${row.bare.rps.toFixed(0)} req/s (proxy ${row.bare.proxyUsPerReq.toFixed(1)} µs/req)` +
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
            ...(name === 'direct' ? {} : mediansOf(rows, ['proxyUsPerReq'])),
            failures: rows.reduce((n, r) => n + r.non2xx + r.mismatches + r.errors, 0),
            timeouts: rows.reduce((n, r) => n + r.timeouts, 0),
            answered: rows.reduce((n, r) => n + r.ok, 0),
          }
        : undefined;
    };
    return {
      runs: opts.runs,
      seconds: opts.proxySeconds,
      direct: summarize('direct'),
      bare: summarize('bare'),
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
const rowsWith = (px, key) => (px?.perRun ?? []).filter((row) => row[key] && row.bare);
/** Per-run req/s ratio of `key` over `base`. */
const rpsOver = (px, key, base) =>
  runRatio(
    rowsWith(px, key).filter((row) => row[base]),
    (row) => row[key].rps,
    (row) => row[base].rps,
  );
/** Per-run ratio of the BFF's CPU per request over the bare proxy's. */
const cpuOverBare = (px) =>
  runRatio(
    rowsWith(px, 'bff'),
    (row) => row.bff.proxyUsPerReq,
    (row) => row.bare.proxyUsPerReq,
  );

/** The Markdown section of figure 7. */
export function render(r) {
  const title = '## 7. `/api/*` proxy: our BFF vs a bare Node reverse proxy';
  if (!r || r.error) return `${title}\n\n${failed(r) || notMeasured('Proxy')}`;
  const cpu = (v) => (v === undefined ? '—' : fmt(v, 1));
  const rows = [
    ['directly to the upstream (raw Node; ceiling)', 'direct'],
    ['bare reverse proxy: Fastify + `@fastify/http-proxy`, no auth (peer)', 'bare'],
    ["our BFF's `/api/*` proxy", 'bff'],
  ];
  const body = rows
    .filter(([, key]) => r[key])
    .map(([name, key]) => {
      const x = r[key];
      return [
        name,
        fmt(x.rps),
        key === 'direct' ? '100 %' : pct(rpsOver(r, key, 'direct')),
        key === 'direct' ? '—' : pct(rpsOver(r, key, 'bare')),
        fmt(x.p50),
        fmt(x.p99),
        cpu(x.proxyUsPerReq),
        key === 'bff' ? `${fmt(cpuOverBare(r), 2)}×` : key === 'bare' ? '1.00×' : '—',
        cpu(x.upstreamUsPerReq),
        cpu(x.driverUsPerReq),
        fmt(x.foreignCores, 2),
        `${x.answered ?? '—'} / ${x.failures}${x.timeouts ? ` (${x.timeouts} timeouts)` : ''}`,
      ];
    });
  if (!r.bff) body.push(["our BFF's `/api/*` proxy", r.reason, '', '', '', '', '', '', '', '', '', '']);
  return [
    title,
    '',
    `autocannon, 50 connections, ${r.seconds} s per target per run, medians of ${r.runs} runs, the three ` +
      'paths taking turns: a small JSON API answered by a raw Node upstream, called directly, through a bare ' +
      'Node reverse proxy with no authentication (`bench/peers/bare-proxy.mjs`: Fastify with ' +
      "`@fastify/http-proxy`, the Fastify team's reverse proxy on undici — undici's own `ProxyAgent` is a " +
      'forward-proxy client, not a reverse proxy) and through our BFF (a session cookie and `X-CSRF: 1`). ' +
      'The BFF route passes one claim (`myinfo.name`), so each call reads the session, checks it, attaches ' +
      "the session's ES256 identity token for the route (signed once and reused for the first half of its " +
      'lifetime: `proxy/identity-token-cache.ts`) and makes the second hop. Every answer is checked (status ' +
      "200 and the upstream's exact body). CPU µs / req is each process's utime+stime over the load ÷ " +
      'answered requests; the driver is the load generator, which shares the two cores.',
    '',
    table(
      [
        'path',
        'req/s',
        'ratio to direct',
        'ratio to bare proxy',
        'p50 ms',
        'p99 ms',
        'proxy CPU µs / req',
        'proxy CPU vs bare',
        'upstream CPU µs / req',
        'driver CPU µs / req',
        'other work (cores)',
        'checked answers / failed (all runs)',
      ],
      body,
    ),
    '',
    `Goals: ${goalRows(r)
      .map(([figure, goal, measured, v]) => `${figure} ${goal} — ${v} (${measured})`)
      .join('; ')}.`,
  ].join('\n');
}

/** The rows of the goals table for figure 7. */
export function goalRows(px) {
  const have = !!px?.bff && !!px?.bare;
  const na = px?.reason && px.reason !== 'n/a' ? px.reason : 'not measured yet';
  return [
    [
      '`/api/*` proxy CPU µs / req vs bare Node proxy',
      `≤ ${GOALS.proxyCpuVsBare}×`,
      have
        ? `${fmt(cpuOverBare(px), 2)}× (${fmt(px.bff.proxyUsPerReq, 1)} vs ${fmt(px.bare.proxyUsPerReq, 1)} µs)`
        : na,
      goalVerdict(cpuOverBare(px) <= GOALS.proxyCpuVsBare, have),
    ],
    [
      '`/api/*` proxy req/s vs bare Node proxy',
      `≥ ${pct(GOALS.proxyVsBare)}`,
      have ? pct(rpsOver(px, 'bff', 'bare')) : na,
      goalVerdict(rpsOver(px, 'bff', 'bare') >= GOALS.proxyVsBare, have),
    ],
    [
      '`/api/*` proxy vs direct (ceiling; issue #7 goal)',
      `≥ ${pct(GOALS.proxyRatio)}`,
      have ? pct(rpsOver(px, 'bff', 'direct')) : na,
      goalVerdict(rpsOver(px, 'bff', 'direct') >= GOALS.proxyRatio, have),
    ],
  ];
}
