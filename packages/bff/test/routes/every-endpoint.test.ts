/**
 * Where endpoints live (docs/contracts.md, "Where the BFF's code lives"): every route the BFF serves is
 * declared by a file under `src/routes/`, so that one folder is the whole endpoint map. Each route is
 * traced, as Fastify declares it, to the source file whose code made the call.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, expect, it, vi } from 'vitest';
import { createTestWorld, type TestWorld } from '../support/test-bff';

const declared = vi.hoisted(() => new Map<string, string>());

vi.mock('fastify', async (importOriginal) => {
  const actual = await importOriginal<typeof import('fastify')>();
  const traced = ((options?: Parameters<typeof actual.default>[0]) => {
    const app = actual.default(options);
    // Only the BFF's own app, not the emulator or the stub provider the world also builds.
    if (!new Error('who').stack?.includes('packages/bff/src/app.ts')) return app;
    app.addHook('onRoute', (route) => {
      // onRoute runs inside the declaring call: the first BFF source frame is the file that declared it.
      const previousLimit = Error.stackTraceLimit;
      Error.stackTraceLimit = 100;
      const stack = new Error('where').stack ?? '';
      Error.stackTraceLimit = previousLimit;
      const file = /packages\/bff\/src\/[^\s:)]+/.exec(stack)?.[0] ?? 'no BFF source frame';
      for (const method of [route.method].flat()) declared.set(`${method} ${route.url}`, file);
    });
    return app;
  }) as typeof actual.default;
  return { ...actual, default: traced };
});

let world: TestWorld | undefined;
afterEach(async () => {
  await world?.close();
  declared.clear();
});

it('every endpoint the BFF serves is declared in a file under routes/', async () => {
  world = await createTestWorld({
    env: {
      // Every optional endpoint on: the proxy and its JWKS, the admin revoke, /metrics.
      API_ROUTES: JSON.stringify([{ prefix: '/api/demo', upstream: 'http://127.0.0.1:4001' }]),
      DATA_DIR: mkdtempSync(path.join(tmpdir(), 'sgid-bff-routes-')),
      ADMIN_TOKEN: 'admin-token-0123456789-abcdefghijklmnop',
      METRICS_TOKEN: 'metrics-token-0123456789-abcdefghijkl',
      SPA_DIR: 'none',
    },
  });
  for (const endpoint of [
    'GET /auth/login',
    'POST /auth/login',
    'GET /auth/callback',
    'GET /auth/session',
    'GET /auth/providers',
    'POST /auth/logout',
    'GET /auth/sessions',
    'DELETE /auth/sessions/:id',
    'POST /auth/sessions/revoke-others',
    'POST /admin/sessions/revoke',
    'GET /healthz',
    'GET /readyz',
    'GET /metrics',
    'GET /.well-known/jwks.json',
    'GET /api/demo',
    'POST /api/demo/*',
    'GET /',
  ])
    expect(declared.has(endpoint), endpoint).toBe(true);
  const outside = [...declared].filter(([, file]) => !file.startsWith('packages/bff/src/routes/'));
  expect(outside).toEqual([]);
});
