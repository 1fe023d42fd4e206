import { defineConfig } from 'vitest/config';

// Five projects, one runner: `unit` (pure, beside the source), `integration` (in-process HTTP across
// packages, real SQLite/Redis, official SDK and MockPass as peers), `mounted` (the security suites against
// the BFF mounted in an Express host), `consumers` (the packed packages installed into a fresh project) and
// `e2e` (a real Chromium).
const sourceConditions = {
  resolve: { conditions: ['sgid-bff-source'] },
  ssr: { resolve: { conditions: ['sgid-bff-source'] } },
};

export default defineConfig({
  test: {
    projects: [
      {
        ...sourceConditions,
        test: {
          name: 'unit',
          include: ['packages/*/src/**/*.test.ts', 'packages/*/src/**/*.test.tsx'],
          environment: 'node',
        },
      },
      {
        ...sourceConditions,
        test: {
          name: 'integration',
          include: ['packages/*/test/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        // The SECURITY.md suites again, against the BFF mounted in an Express host (createBffHandler;
        // test/support/mounted-bff.ts): the same tests, the same worlds, the other form.
        ...sourceConditions,
        test: {
          name: 'mounted',
          include: ['packages/bff/test/security/*.test.ts'],
          environment: 'node',
          env: { BFF_FORM: 'express' },
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        // The published packages from their tarballs in a fresh project (consumers/): one process, run
        // one file at a time, as `npm install` and the bins it starts are heavy on a small machine.
        test: {
          name: 'consumers',
          include: ['consumers/**/*.test.ts'],
          environment: 'node',
          testTimeout: 240_000,
          hookTimeout: 900_000,
          fileParallelism: false,
        },
      },
      {
        ...sourceConditions,
        test: {
          name: 'e2e',
          include: ['e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
