#!/usr/bin/env node
// Issue #3's benchmark on its own (bench/figures/provider.mjs): what one login costs the provider, our
// emulator against MockPass 4.3.4, driven the same way in the same run.
//
//   node bench/emulator-vs-mockpass.mjs [--quick] [--runs N] [--cpu-prof]
//
// It prints the table and updates its section of docs/performance.md (a full run only); `npm run bench`
// runs it as one of its figures.
import path from 'node:path';
import { providerBench, providerMarkdown } from './figures/provider.mjs';
import { root, stopAll } from './lib/procs.mjs';
import { machineInfo, replaceSection } from './lib/report.mjs';

async function main() {
  const argv = process.argv.slice(2);
  const quick = argv.includes('--quick');
  const runsArg = argv.indexOf('--runs');
  const runs = runsArg !== -1 ? Math.max(1, Number(argv[runsArg + 1])) : quick ? 1 : 3;
  const cpuProf = argv.includes('--cpu-prof');
  let result;
  try {
    result = await providerBench({ runs, quick, cpuProf });
  } finally {
    await stopAll();
  }
  const markdown = providerMarkdown(result);
  console.log(`\n${markdown}\n`);
  if (!quick && runs >= 3) {
    const m = machineInfo();
    const note = `${markdown}\n\n_Measured ${m.date} on ${m.cpu} (${m.cores} cores, ${m.ramGiB} GiB), Node ${m.node}._`;
    const file = path.join(root, 'docs', 'performance.md');
    if (replaceSection(file, 'provider', note)) console.log(`updated ${path.relative(root, file)}`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
