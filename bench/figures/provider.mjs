// Issue #3's figure: what one login costs the provider. Our emulator and MockPass 4.3.4 are driven the
// same way in the same run — a relying party doing PKCE: authorize (approved at once) → token exchange
// (client_secret_post + code_verifier) → userinfo — and we measure flows/s and the provider process's CPU
// milliseconds per flow (/proc/<pid>/stat utime+stime over the load ÷ flows). `npm run bench` runs it as one
// of its figures; bench/emulator-vs-mockpass.mjs runs it alone.
import { createRequire } from 'node:module';
import { freePort } from '../../scripts/lib/processes.mjs';
import { quietSample } from '../lib/cpu.mjs';
import { GOALS, goalVerdict, log } from '../lib/figure.mjs';
import { providerFlow, runFlows } from '../lib/flow.mjs';
import { createHttpClient, location } from '../lib/http.mjs';
import { table, verdict } from '../lib/report.mjs';
import { BENCH_SCOPES, benchClient, bundlesPresent, startEmulator, startMockpass } from '../lib/stack.mjs';
import { fmt, median, ratio } from '../lib/stats.mjs';

const require = createRequire(import.meta.url);
const sgidPackage = require('@opengovsg/sgid-client');
const SgidClient = sgidPackage.SgidClient ?? sgidPackage.default;

/** Never contacted: the driver reads the code from the provider's redirect. */
const REDIRECT_URI = 'http://localhost:9/callback';

/** One complete login with the official SDK (PKCE, ID token checks, decryption): interoperability first. */
async function sdkLogin(http, providerUrl, client) {
  const sdk = new SgidClient({
    clientId: client.id,
    clientSecret: client.secret,
    privateKey: client.privateKey,
    redirectUri: REDIRECT_URI,
    hostname: providerUrl,
  });
  const { codeChallenge, codeVerifier } = sgidPackage.generatePkcePair();
  const { url, nonce } = sdk.authorizationUrl({ codeChallenge, state: 'bench', scope: BENCH_SCOPES });
  const authorize = await http.request(url);
  const code = location(authorize, url).searchParams.get('code');
  if (!code)
    throw new Error(`no code from ${providerUrl}: ${authorize.status} ${authorize.body.slice(0, 200)}`);
  const { sub, accessToken } = await sdk.callback({ code, codeVerifier, nonce });
  const { data } = await sdk.userinfo({ sub, accessToken });
  if (!data['myinfo.name']) throw new Error(`official SDK got no myinfo.name from ${providerUrl}`);
}

/**
 * Run the comparison.
 * @param {{ runs: number, quick: boolean, cpuProf?: boolean, log?: (s: string) => void }} options
 */
export async function providerBench({ runs, quick, cpuProf = false, log = console.log }) {
  const client = benchClient();
  const http = createHttpClient();
  const limits = quick ? { maxFlows: 300, maxMs: 3000 } : { maxFlows: 3000, maxMs: 10_000 };
  const concurrency = 8;
  const providers = [];
  try {
    const mockpass = await startMockpass({ port: await freePort(), client, name: 'mockpass-provider' });
    providers.push({ name: 'MockPass 4.3.4', key: 'mockpass', ...mockpass });
    if (bundlesPresent().emulator) {
      const emulator = await startEmulator({
        port: await freePort(),
        client,
        redirectUris: [REDIRECT_URI],
        cpuProf,
        name: 'emulator-provider',
      });
      providers.unshift({ name: 'our emulator', key: 'emulator', ...emulator });
    } else {
      log(
        'provider bench: packages/emulator/dist/main.js is missing (run `npm run build`): emulator not measured',
      );
    }
    const scope = BENCH_SCOPES.join(' ');
    for (const p of providers) {
      await sdkLogin(http, p.url, client);
      // Warm-up (JIT, key caches), not measured.
      await runFlows({
        flow: () => providerFlow(http, { providerUrl: p.url, client, redirectUri: REDIRECT_URI, scope }),
        concurrency,
        maxFlows: 100,
        maxMs: 2000,
      });
    }
    const perRun = [];
    for (let run = 1; run <= runs; run++) {
      const results = {};
      for (const p of providers) {
        const { result: r, cpu } = await quietSample(
          () =>
            runFlows({
              flow: () =>
                providerFlow(http, { providerUrl: p.url, client, redirectUri: REDIRECT_URI, scope }),
              concurrency,
              ...limits,
            }),
          { provider: p.proc.pid },
          { log },
        );
        results[p.key] = {
          ...r,
          cpuMsPerFlow: cpu.provider / r.flows,
          driverMsPerFlow: cpu.driver / r.flows,
          foreignCores: cpu.foreignCores,
        };
        log(
          `provider run ${run}/${runs} ${p.name}: ${fmt(r.flowsPerSec)} flows/s, ` +
            `${fmt(cpu.provider / r.flows, 2)} ms CPU/flow, p50 ${fmt(r.p50, 1)} ms, p99 ${fmt(r.p99, 1)} ms, ` +
            `other work ${cpu.foreignCores.toFixed(2)} cores` +
            (r.errors ? `, ${r.errors} errors (${r.firstError})` : ''),
        );
      }
      perRun.push(results);
    }
    const medians = {};
    for (const p of providers) {
      const rows = perRun.map((r) => r[p.key]);
      medians[p.key] = {
        name: p.name,
        flowsPerSec: median(rows.map((r) => r.flowsPerSec)),
        cpuMsPerFlow: median(rows.map((r) => r.cpuMsPerFlow)),
        p50: median(rows.map((r) => r.p50)),
        p99: median(rows.map((r) => r.p99)),
        foreignCores: median(rows.map((r) => r.foreignCores)),
        errors: rows.reduce((n, r) => n + r.errors, 0),
        flows: rows.reduce((n, r) => n + r.flows, 0),
      };
    }
    return { concurrency, limits, runs, scopes: BENCH_SCOPES, perRun, medians };
  } finally {
    http.close();
    await Promise.all(providers.map((p) => p.proc.stop()));
  }
}

/** The Markdown section for docs/performance.md. */
export function providerMarkdown(result) {
  if (!result) return '## Provider cost per login: our emulator vs MockPass 4.3.4\n\nNot measured yet.';
  const { medians: m, concurrency, runs, limits } = result;
  const emu = m.emulator;
  const mp = m.mockpass;
  const rows = [emu, mp].map((r) =>
    r
      ? [
          r.name,
          fmt(r.flowsPerSec),
          fmt(r.cpuMsPerFlow, 2),
          fmt(r.p50, 1),
          fmt(r.p99, 1),
          fmt(r.foreignCores, 2),
          `${r.flows} / ${r.errors}`,
        ]
      : ['our emulator', 'not measured yet', '', '', '', '', ''],
  );
  // Ratios: the median of the per-run ratios (both providers measured one after the other in each run).
  const runRatio = (field) =>
    median(result.perRun.map((row) => ratio(row.emulator?.[field], row.mockpass?.[field])));
  const ratioLine = emu
    ? `Side by side in the same runs: our emulator serves **${fmt(runRatio('flowsPerSec'), 2)}×** MockPass's flows/s ` +
      `and uses **${fmt(runRatio('cpuMsPerFlow'), 2)}×** its CPU per flow (medians of the per-run ratios). ` +
      `Goal ≤ ${GOALS.emulatorCpuVsMockpass}× MockPass's CPU per flow: ${verdict(runRatio('cpuMsPerFlow') <= GOALS.emulatorCpuVsMockpass)}.`
    : 'Our emulator: not measured yet (its bundle was missing).';
  return [
    '## Provider cost per login: our emulator vs MockPass 4.3.4',
    '',
    `\`node bench/emulator-vs-mockpass.mjs\` (issue #3). A relying party doing PKCE drives each provider the same way ` +
      `in the same run — authorize (approved at once for ${'`S9812381D`'}) → token exchange (client_secret_post + ` +
      `code_verifier) → userinfo — at concurrency ${concurrency}, ${limits.maxFlows} flows or ` +
      `${limits.maxMs / 1000} s per run, medians of ${runs} runs. Scopes: \`${result.scopes.join(' ')}\`. ` +
      'Before the load, one full login with the official SDK (`@opengovsg/sgid-client` 2.3.0: ID token checks, ' +
      "decryption) must succeed against each provider. CPU is the provider process's utime+stime from " +
      '`/proc/<pid>/stat` over the load ÷ flows; the driver decrypts nothing.',
    '',
    table(
      [
        'provider',
        'flows/s',
        'CPU ms / flow',
        'p50 ms',
        'p99 ms',
        'other work (cores)',
        'flows / errors (all runs)',
      ],
      rows,
    ),
    '',
    ratioLine,
  ].join('\n');
}

/** Measure the provider figure, as `npm run bench` does. */
export function measure(opts) {
  return providerBench({ runs: opts.runs, quick: opts.quick, cpuProf: opts.cpuProf, log });
}

/** The Markdown section of the provider figure. */
export function render(result) {
  return result?.error
    ? `## Provider cost per login: our emulator vs MockPass 4.3.4\n\nnot measured: ${result.error}`
    : providerMarkdown(result);
}

/** The row of the goals table for the provider figure. */
export function goalRows(result) {
  const p = result?.medians;
  const have = !!p?.emulator && !!p?.mockpass;
  const r = have
    ? median(result.perRun.map((row) => ratio(row.emulator?.cpuMsPerFlow, row.mockpass?.cpuMsPerFlow)))
    : Number.NaN;
  return [
    [
      "emulator CPU per flow vs MockPass's (provider bench)",
      `≤ ${GOALS.emulatorCpuVsMockpass}×`,
      have
        ? `${fmt(r, 2)}× (${fmt(p.emulator.cpuMsPerFlow, 2)} vs ${fmt(p.mockpass.cpuMsPerFlow, 2)} ms)`
        : 'not measured yet',
      goalVerdict(r <= GOALS.emulatorCpuVsMockpass, have),
    ],
  ];
}
