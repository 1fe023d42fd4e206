import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defaultClientConditions, defineConfig } from 'vite';

// In development the SPA is served by Vite and the BFF runs beside it. Proxying the BFF's paths keeps
// everything on one origin, so the session cookie and the CSRF/Origin checks behave as in production.
// Reading the environment here is the config loader's job (STYLE.md habit 4).
const bffUrl = process.env.BFF_URL ?? 'http://localhost:3000';
const toBff = { target: bffUrl, changeOrigin: false, xfwd: true };

export default defineConfig(({ mode }) => ({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  // Workspace packages resolve to their TypeScript sources (the `source` export condition).
  resolve: { conditions: ['sgid-bff-source', ...defaultClientConditions] },
  server: {
    port: 5173,
    strictPort: true,
    proxy: { '/auth': toBff, '/api': toBff, '/.well-known': toBff },
  },
  preview: { port: 4173, proxy: { '/auth': toBff, '/api': toBff, '/.well-known': toBff } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // No inline assets: the BFF's CSP allows scripts and styles by nonce or 'self' only.
    assetsInlineLimit: 0,
    // Source maps would publish the original sources: only a development build (`--mode development`)
    // has them. The BFF does not serve `*.map` in production either (packages/bff/src/routes/spa.ts).
    sourcemap: mode !== 'production',
  },
}));
