#!/usr/bin/env node
// `npm run dev`: the emulator and the BFF as `npm start` runs them, plus Vite with hot reload for the SPA.
// Vite proxies /auth, /api and /.well-known to the BFF, so cookies stay same-origin. Once Vite answers it
// prints the URL to open: Vite's, not the BFF's (the BFF's public URL is Vite's origin).
// `npm run dev -- --no-build` skips the build when the bundles are already fresh.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { formatReadyBanner, waitUntilAnswering } from './lib/ready-banner.mjs';
import { build, ensureDependencies, root } from './lib/setup.mjs';

ensureDependencies();
if (!process.argv.includes('--no-build')) build();
const { startStack } = await import('./lib/stack.mjs');
const vitePort = Number(process.env.VITE_PORT ?? 5173);
const appUrl = `http://localhost:${vitePort}`;
// The BFF's public URL is Vite's origin: the browser only ever talks to Vite, which proxies to the BFF.
const bffPort = Number(process.env.PORT ?? 3000);
const stack = await startStack({
  dataDir: path.join(root, '.data'),
  bffPort,
  emulatorPort: Number(process.env.EMULATOR_PORT ?? 5156),
  publicUrl: appUrl,
});
const vite = spawn(
  path.join(root, 'node_modules', '.bin', 'vite'),
  ['--port', String(vitePort), '--strictPort'],
  {
    cwd: path.join(root, 'packages', 'spa'),
    stdio: 'inherit',
    env: { ...process.env, BFF_URL: `http://127.0.0.1:${bffPort}` },
  },
);
let stopping = false;
const shutdown = async () => {
  if (stopping) return;
  stopping = true;
  vite.kill('SIGTERM');
  await stack.stop();
  process.exit(0);
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
vite.on('exit', (code) => {
  if (stopping) return;
  console.error(`dev: Vite exited (code ${code}); is port ${vitePort} taken? (set VITE_PORT)`);
  void shutdown();
});

await waitUntilAnswering(appUrl);
console.log(
  formatReadyBanner({
    title: 'sgid-bff dev: emulator + BFF + the SPA with hot reload',
    openUrl: appUrl,
    lines: [
      `sgID emulator: ${stack.emulatorUrl}  (NOT the real sgID)`,
      `BFF (behind Vite's proxy): http://127.0.0.1:${bffPort}`,
    ],
  }),
);
