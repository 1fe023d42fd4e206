/**
 * What a production BFF shows to anyone who asks: operator endpoints only with their token (scheme
 * matched case-insensitively, RFC 7235 §2.1), `/metrics` not open, and no source maps of the SPA.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { resolveConfig } from 'vite';
import { afterEach, describe, expect, it } from 'vitest';
import { createBffApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { createMemoryStore } from '../../src/store/memory-store';
import { getTestKeyPair } from '../support/keys';
import { CLIENT_ID, CLIENT_SECRET, SPA_HTML } from '../support/test-bff';

const METRICS_TOKEN = 'metrics-token-0123456789-abcdefghijkl';
const ADMIN_TOKEN = 'admin-token-0123456789-abcdefghijklmn';

let app: FastifyInstance | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

/** A built SPA with its source maps beside the assets, as `vite build --sourcemap` leaves it. */
function createSpaWithMaps(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'sgid-bff-spa-maps-'));
  mkdirSync(path.join(dir, 'assets'));
  writeFileSync(path.join(dir, 'index.html'), SPA_HTML);
  writeFileSync(path.join(dir, 'assets', 'app.js'), 'console.log("spa")\n//# sourceMappingURL=app.js.map');
  writeFileSync(
    path.join(dir, 'assets', 'app.js.map'),
    '{"version":3,"sources":["../src/secret-logic.tsx"]}',
  );
  return dir;
}

async function startBff(nodeEnv: 'production' | 'development', env: Record<string, string> = {}) {
  const config = loadConfig({
    NODE_ENV: nodeEnv,
    PUBLIC_URL: nodeEnv === 'production' ? 'https://app.example.gov.sg' : 'http://localhost:3000',
    SGID_CLIENT_ID: CLIENT_ID,
    SGID_CLIENT_SECRET: CLIENT_SECRET,
    SGID_PRIVATE_KEY: getTestKeyPair().privatePem,
    SESSION_STORE: 'sqlite',
    DATA_DIR: mkdtempSync(path.join(tmpdir(), 'sgid-bff-prod-')),
    SPA_DIR: createSpaWithMaps(),
    LOG_LEVEL: 'silent',
    ...env,
  });
  const offline = async (): Promise<Response> => {
    throw new Error('offline');
  };
  app = await createBffApp(config, { store: createMemoryStore(), fetch: offline });
  return app;
}

describe('operator endpoints', () => {
  it('/metrics is not served in production without METRICS_TOKEN', async () => {
    const bff = await startBff('production');
    const response = await bff.inject({ url: '/metrics' });
    expect(response.statusCode).toBe(404);
    expect(response.body).not.toContain('sgid_bff_');
  });

  it('/metrics in production answers only with METRICS_TOKEN as a bearer', async () => {
    const bff = await startBff('production', { METRICS_TOKEN });
    expect((await bff.inject({ url: '/metrics' })).statusCode).toBe(401);
    const ok = await bff.inject({ url: '/metrics', headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain('sgid_bff_');
  });

  it('/metrics stays open in development', async () => {
    const bff = await startBff('development');
    expect((await bff.inject({ url: '/metrics' })).statusCode).toBe(200);
  });

  it('the bearer scheme of operator endpoints is case-insensitive', async () => {
    const bff = await startBff('production', { METRICS_TOKEN, ADMIN_TOKEN });
    for (const scheme of ['bearer', 'BEARER', 'Bearer', 'bEaReR']) {
      const metrics = await bff.inject({
        url: '/metrics',
        headers: { authorization: `${scheme} ${METRICS_TOKEN}` },
      });
      expect(metrics.statusCode, scheme).toBe(200);
      const admin = await bff.inject({
        method: 'POST',
        url: '/admin/sessions/revoke',
        headers: { authorization: `${scheme} ${ADMIN_TOKEN}` },
        payload: { sub: 'nobody' },
      });
      expect(admin.statusCode, scheme).toBe(200);
    }
    const wrong = await bff.inject({ url: '/metrics', headers: { authorization: 'bearer wrong-token' } });
    expect(wrong.statusCode).toBe(401);
    const basic = await bff.inject({ url: '/metrics', headers: { authorization: `Basic ${METRICS_TOKEN}` } });
    expect(basic.statusCode).toBe(401);
  });
});

describe('source maps', () => {
  it('the SPA source maps are not served in production', async () => {
    const bff = await startBff('production');
    expect((await bff.inject({ url: '/assets/app.js' })).statusCode).toBe(200);
    for (const url of ['/assets/app.js.map', '/assets/app.js.MAP', '/assets/app.js%2emap']) {
      const response = await bff.inject({ url });
      expect(response.statusCode, url).toBe(404);
      expect(response.body, url).not.toContain('secret-logic');
    }
    const asPage = await bff.inject({ url: '/assets/app.js.map', headers: { accept: 'text/html' } });
    expect(asPage.body).not.toContain('secret-logic');
  });

  it('outside production the SPA source maps are served for debugging', async () => {
    const bff = await startBff('development');
    expect((await bff.inject({ url: '/assets/app.js.map' })).body).toContain('secret-logic');
  });

  it('the production build of packages/spa emits no source maps', async () => {
    const root = fileURLToPath(new URL('../../../spa', import.meta.url));
    const configFile = path.join(root, 'vite.config.ts');
    const production = await resolveConfig({ root, configFile, logLevel: 'silent' }, 'build', 'production');
    expect(production.build.sourcemap).toBe(false);
    const development = await resolveConfig(
      { root, configFile, logLevel: 'silent', mode: 'development' },
      'build',
    );
    expect(development.build.sourcemap).toBe(true);
  });
});
