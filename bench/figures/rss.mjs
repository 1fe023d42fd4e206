// Figure 6: how much the BFF process's resident memory grows for 100,000 sessions in each store, each
// store in a fresh process (bench/sessions-rss.mjs), medians of N runs.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { failed, GOALS, goalVerdict, log, mediansOf, notMeasured, REDIS_URL } from '../lib/figure.mjs';
import { root } from '../lib/procs.mjs';
import { table, verdict } from '../lib/report.mjs';
import { fmt } from '../lib/stats.mjs';

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

/** Measure figure 6 (needs the BFF's library bundle). */
export async function measure(opts, { bundles }) {
  if (!bundles.bffIndex) return { error: 'not measured yet (BFF bundle missing)' };
  // `none` first: the baseline process doing the same work without storing (the harness's own cost).
  const stores = ['none', 'sqlite', 'redis', 'memory'];
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
    for (const store of stores)
      if (store !== 'none' && !row[store].error && !row.none.error)
        row[store].netGrowthMB = row[store].growthMB - row.none.growthMB;
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
            'netGrowthMB',
          ]),
          readBack: rows.every((r) => r.readBack),
        }
      : { error: perRun[0][store].error };
  }
  return { count: opts.rssCount, runs: perRun.length, medians, perRun };
}

// ------------------------------------------------------------------------------- report
/** The Markdown section of figure 6. */
export function render(r) {
  const title = '## 6. Memory: RSS growth for 100,000 sessions';
  if (!r || r.error) return `${title}\n\n${failed(r) || notMeasured('RSS')}`;
  const names = { none: 'none (baseline: same work, nothing stored)' };
  const rows = ['none', 'sqlite', 'redis', 'memory']
    .filter((s) => r.medians[s])
    .map((s) => {
      const x = r.medians[s];
      if (x.error) return [s, x.error, '', '', '', '', ''];
      return [
        names[s] ?? s,
        fmt(x.growthMB, 1),
        s === 'none' ? '—' : fmt(x.netGrowthMB, 1),
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
      'row, whose process holds no session at all, shows that working set alone. The baseline process ' +
      '(`--store none`) does the same work — the bundle loaded, the same sessions made 256 at a time and ' +
      'handed to an async store call — with a store that keeps only the last one: its growth is what the ' +
      "harness itself costs, and *net* is each store's growth minus the baseline's in the same run (median " +
      'of the per-run differences). ' +
      `Medians of ${r.runs} runs.`,
    '',
    table(
      [
        'store',
        'RSS growth of the process (MB)',
        'net of the baseline (MB)',
        'of which the second half (MB)',
        'store-side growth (MB)',
        'time to create (s)',
        'last session reads back',
      ],
      rows,
    ),
    '',
    sq && !sq.error
      ? `Goal ≤ ${GOALS.rssSqliteMB} MB with SQLite, net of the baseline: ${verdict(sq.netGrowthMB <= GOALS.rssSqliteMB)} ` +
        `(${fmt(sq.netGrowthMB, 1)} MB net; ${fmt(sq.growthMB, 1)} MB gross, the baseline ${fmt(r.medians.none?.growthMB, 1)} MB).`
      : 'Goal ≤ 20 MB with SQLite: not measured yet.',
  ].join('\n');
}

/** The row of the goals table for figure 6. */
export function goalRows(r) {
  const rss = r?.medians?.sqlite;
  return [
    [
      'RSS growth, 100k sessions, SQLite, net of a baseline process doing the same work without storing',
      `≤ ${GOALS.rssSqliteMB} MB`,
      rss && !rss.error
        ? `${fmt(rss.netGrowthMB, 1)} MB (gross ${fmt(rss.growthMB, 1)} MB, baseline ${fmt(r.medians.none?.growthMB, 1)} MB)`
        : 'not measured yet',
      goalVerdict(
        rss?.netGrowthMB <= GOALS.rssSqliteMB,
        !!rss && !rss.error && Number.isFinite(rss.netGrowthMB),
      ),
    ],
  ];
}
