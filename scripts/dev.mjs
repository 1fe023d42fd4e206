#!/usr/bin/env node
// `npm run dev`: the emulator and the BFF as `npm start` runs them, plus Vite with hot reload for the SPA.
// Vite proxies /auth, /api and /.well-known to the BFF, so cookies stay same-origin.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { build, ensureDependencies, root } from './lib/setup.mjs';

ensureDependencies();
build();
const { startStack } = await import('./lib/stack.mjs');
const vitePort = Number(process.env.VITE_PORT ?? 5173);
// The BFF's public URL is Vite's origin: the browser only ever talks to Vite, which proxies to the BFF.
const bffPort = Number(process.env.PORT ?? 3000);
const stack = await startStack({
  dataDir: path.join(root, '.data'),
  bffPort,
  emulatorPort: Number(process.env.EMULATOR_PORT ?? 5156),
  publicUrl: `http://localhost:${vitePort}`,
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
const shutdown = async () => {
  vite.kill('SIGTERM');
  await stack.stop();
  process.exit(0);
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
