// Figures 3 to 5: full login flows — our BFF with our emulator, the official example with MockPass, our
// BFF with MockPass — at concurrency 1 and 16: flows/s, latency and the CPU milliseconds each process
// spends per flow, medians of N runs with the pairings taking turns.
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
import { bffLoginFlow, officialExampleFlow, runFlows } from '../lib/flow.mjs';
import { createHttpClient } from '../lib/http.mjs';
import { stopAll } from '../lib/procs.mjs';
import { table } from '../lib/report.mjs';
import {
  benchSingpassClient,
  singpassBffEnv,
  singpassEmulatorClient,
  startBff,
  startEmulator,
  startMockpass,
  startOfficialExample,
} from '../lib/stack.mjs';
import { fmt, median } from '../lib/stats.mjs';

/** Measure figures 3 to 5 (the peers only when our bundles are missing). */
export async function measure(opts, { client, bundles }) {
  const haveOurs = bundles.emulator && bundles.bff;
  const http = createHttpClient({ maxSockets: 256 });
  const [emulatorPort, bffPort, mockpassPort, peerPort, bffMpPort] = await Promise.all(
    Array.from({ length: 5 }, () => freePort()),
  );
  try {
    const mockpass = await startMockpass({ port: mockpassPort, client, name: 'mockpass-login' });
    const peer = await startOfficialExample({ port: peerPort, providerUrl: mockpass.url, client });
    const pairings = [];
    if (haveOurs) {
      // One emulator and one BFF serve both providers, so sgID and Singpass flows are measured on the same
      // processes, taking turns: the Singpass row differs only by the protocol.
      const singpass = benchSingpassClient();
      const emulator = await startEmulator({
        port: emulatorPort,
        client,
        redirectUris: [`http://localhost:${bffPort}/auth/callback`],
        cpuProf: opts.cpuProf,
        name: 'emulator-login',
        extraClients: [
          singpassEmulatorClient(singpass, `http://localhost:${bffPort}/auth/callback/singpass`),
        ],
      });
      const bff = await startBff({
        port: bffPort,
        providerUrl: emulator.url,
        client,
        store: 'sqlite',
        name: 'bff-login',
        cpuProf: opts.cpuProf,
        env: { ...NO_RATE_LIMIT, ...singpassBffEnv(singpass, emulator.url) },
      });
      pairings.push({
        key: 'bff-emulator',
        name: 'our BFF + our emulator',
        flow: () => bffLoginFlow(http, bff.url),
        pids: { app: bff.proc.pid, provider: emulator.proc.pid },
      });
      pairings.push({
        key: 'bff-singpass',
        name: 'our BFF + our emulator, Singpass FAPI 2.0',
        flow: () => bffLoginFlow(http, bff.url, 'singpass'),
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

// ------------------------------------------------------------------------------- report
const loginRatio = (l, key, c) =>
  runRatio(
    l.perRun,
    (row) => row[`${key}@${c}`]?.flowsPerSec,
    (row) => row[`example-mockpass@${c}`]?.flowsPerSec,
  );

/** Per-run ratio of CPU ms per flow (`part`: app or provider), our pairing's over the official example's. */
const cpuRatio = (l, key, c, part) =>
  runRatio(
    l.perRun,
    (row) => row[`${key}@${c}`]?.cpu?.[part],
    (row) => row[`example-mockpass@${c}`]?.cpu?.[part],
  );

/** The Markdown section of figures 3 to 5. */
export function render(r) {
  const title = '## 3–5. Full login flows and CPU per flow';
  if (!r || r.error) return `${title}\n\n${failed(r) || notMeasured('Login flows')}`;
  const m = r.medians;
  const rows = [];
  for (const c of [1, 16]) {
    for (const key of ['bff-emulator', 'bff-singpass', 'example-mockpass', 'bff-mockpass']) {
      const x = m[`${key}@${c}`];
      if (!x) {
        rows.push([
          {
            'bff-emulator': 'our BFF + our emulator',
            'bff-singpass': 'our BFF + our emulator, Singpass FAPI 2.0',
          }[key] ?? 'our BFF + MockPass',
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
        ...goalRows(r).map(([figure, goal, measured, v]) => `- ${figure} ${goal}: ${v} (${measured}).`),
        `- The BFF alone, at its CPU per flow: ${fmt(1000 / ours16.cpu.app)} flows/s per core ` +
          `(${fmt(ours16.cpu.app, 2)} ms per flow at concurrency 16; the official example: ` +
          `${m['example-mockpass@16'] ? fmt(1000 / m['example-mockpass@16'].cpu.app) : '—'} flows/s per core).`,
      ]
    : ['- Our BFF + emulator: not measured yet.'];
  const singpass16 = m['bff-singpass@16'];
  const singpassNote =
    singpass16 && ours16
      ? [
          '',
          'Singpass next to sgID (same BFF and emulator processes, same run, concurrency 16): ' +
            `${fmt(singpass16.flowsPerSec)} flows/s vs ${fmt(ours16.flowsPerSec)} ` +
            `(${fmt(singpass16.flowsPerSec / ours16.flowsPerSec, 2)}×); BFF CPU per flow ` +
            `${fmt(singpass16.cpu.app, 2)} ms vs ${fmt(ours16.cpu.app, 2)} ms ` +
            `(${fmt(singpass16.cpu.app / ours16.cpu.app, 2)}×). A Singpass login costs the BFF a PAR call, two ` +
            'client assertions and three DPoP proofs (ES256 signatures, a fresh P-256 key pair), an ECDH-ES ' +
            'unwrap and an ES256 verification for the ID token and again for userinfo — where sgID costs ' +
            'one RSA-OAEP unwrap and one RS256 verification.',
        ]
      : [];
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
    ...singpassNote,
    ...(errorsNote.length ? ['', 'Failures:', ...errorsNote] : []),
  ].join('\n');
}

/** The rows of the goals table for figures 3 to 5. */
export function goalRows(l) {
  const ours = l?.medians?.['bff-emulator@16'];
  const peer = l?.medians?.['example-mockpass@16'];
  const have = !!ours && !!peer;
  const na = 'not measured yet';
  const vs = have ? loginRatio(l, 'bff-emulator', 16) : Number.NaN;
  const app = have ? cpuRatio(l, 'bff-emulator', 16, 'app') : Number.NaN;
  const provider = have ? cpuRatio(l, 'bff-emulator', 16, 'provider') : Number.NaN;
  return [
    [
      'login flows/s, BFF + emulator vs official example + MockPass, concurrency 16',
      `≥ ${GOALS.loginVsPeer}×`,
      have ? `${fmt(vs, 2)}× (${fmt(ours.flowsPerSec)} vs ${fmt(peer.flowsPerSec)} flows/s)` : na,
      goalVerdict(vs >= GOALS.loginVsPeer, have),
    ],
    [
      "BFF CPU per login flow vs the official example's, concurrency 16",
      `≤ ${GOALS.bffCpuVsExample}×`,
      have ? `${fmt(app, 2)}× (${fmt(ours.cpu.app, 2)} vs ${fmt(peer.cpu.app, 2)} ms)` : na,
      goalVerdict(app <= GOALS.bffCpuVsExample, have),
    ],
    [
      "emulator CPU per login flow vs MockPass's (BFF flow vs official example flow), concurrency 16",
      `≤ ${GOALS.emulatorCpuVsMockpass}×`,
      have ? `${fmt(provider, 2)}× (${fmt(ours.cpu.provider, 2)} vs ${fmt(peer.cpu.provider, 2)} ms)` : na,
      goalVerdict(provider <= GOALS.emulatorCpuVsMockpass, have),
    ],
  ];
}
