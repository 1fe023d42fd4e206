#!/usr/bin/env node
// `npm start`: install what is missing, build, and run the product on this machine — the sgID emulator
// and the BFF serving the demo SPA, on the embedded SQLite store. With SGID_CLIENT_ID set, the BFF talks
// to the sgID named by SGID_HOSTNAME (default real sgID) instead, and no emulator is started.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { formatReadyBanner } from './lib/ready-banner.mjs';
import { build, ensureDependencies, root } from './lib/setup.mjs';

ensureDependencies();
build();

const { startStack } = await import('./lib/stack.mjs');
const dataDir = path.join(root, '.data');
const bffPort = Number(process.env.PORT ?? 3000);

if (process.env.SGID_CLIENT_ID) {
  console.log('start: SGID_CLIENT_ID is set — running the BFF against the configured sgID, no emulator.');
  const child = spawn(process.execPath, [path.join(root, 'packages', 'bff', 'dist', 'main.js')], {
    stdio: 'inherit',
    env: { DATA_DIR: path.join(dataDir, 'bff'), ...process.env },
  });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  const stack = await startStack({
    dataDir,
    bffPort,
    emulatorPort: Number(process.env.EMULATOR_PORT ?? 5156),
    demoApiPort: Number(process.env.DEMO_API_PORT ?? 4001),
  });
  console.log(
    formatReadyBanner({
      title: 'sgid-bff is running (emulator + BFF + demo SPA, SQLite store)',
      openUrl: stack.bffUrl,
      lines: [
        `sgID emulator: ${stack.emulatorUrl}  (NOT the real sgID)`,
        `Demo API behind the BFF's proxy: ${stack.bffUrl}/api/demo/hello`,
        'Dev client registration: .data/dev-client.json',
      ],
    }),
  );
  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    await stack.stop();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  for (const child of Object.values(stack.processes)) {
    child.on('exit', (code) => {
      if (!stopping) {
        console.error(`start: a process exited unexpectedly (code ${code}); stopping.`);
        void shutdown();
      }
    });
  }
}
