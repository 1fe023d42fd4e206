/**
 * The layout issue #11 settled, kept by reading the source:
 * - config is a room features depend on: nothing under `src/config/` imports from a feature folder
 *   (`proxy/`, `http/`, `rate-limit/`, `session/`, `routes/`, `store/`, `providers/`, `observability/`…),
 *   only from `config/` itself, the dependency-free `secret.ts` and packages;
 * - providers are rooms: a provider's folder (`providers/sgid/`, `providers/singpass/`) is imported only by
 *   the registry (`providers/registry.ts`) and its own files; the shared layer sees `providers/provider.ts`;
 * - every endpoint is registered under `src/routes/`;
 * - `@sgid-bff/identity` (for the APIs behind the proxy) is used by the demo upstream only: the BFF signs
 *   identity tokens, it never verifies its own.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../src/', import.meta.url));
/** Modules at the top of `src/` that config may use: leaves that import nothing of the BFF. */
const CONFIG_MAY_IMPORT = new Set(['secret.ts']);

/** Source files (not tests) under `dir`, as paths relative to `src/` with `/` separators. */
function listSources(dir: string): string[] {
  return readdirSync(path.join(SRC, dir), { recursive: true, encoding: 'utf8' })
    .map((file) => path.posix.join(dir, file.split(path.sep).join('/')))
    .filter((file) => /\.tsx?$/.test(file) && !/\.test\.tsx?$/.test(file))
    .sort();
}

/** Every module specifier a source imports or re-exports, static or dynamic. */
function readSpecifiers(source: string): string[] {
  const patterns = [
    /\b(?:import|export)\s[^'";]*?\sfrom\s*['"]([^'"]+)['"]/g,
    /\bimport\s*['"]([^'"]+)['"]/g,
    /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  return patterns.flatMap((pattern) => [...source.matchAll(pattern)].map((m) => m[1] ?? ''));
}

/** `file` (relative to `src/`) importing `specifier`: where it lands outside config, or undefined when allowed. */
function findForbiddenImport(file: string, specifier: string): string | undefined {
  if (specifier === '@sgid-bff/bff') return specifier;
  if (!specifier.startsWith('.')) return undefined;
  const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier));
  if (target === 'config' || target.startsWith('config/')) return undefined;
  if (CONFIG_MAY_IMPORT.has(`${target.replace(/\.(ts|js)$/, '')}.ts`)) return undefined;
  return target;
}

/**
 * The endpoint registrations in a source: Fastify route methods and `route()` on an instance (the code
 * base calls its Fastify instances `app` or `scope`), and `register()`, which opens a scope for routes or
 * adds a plugin that serves some.
 */
function findEndpointRegistrations(source: string): string[] {
  const call =
    /\b(?:app|scope|instance|fastify|server)\.(get|post|put|patch|delete|head|options|all|route|register)\(/g;
  return [...source.matchAll(call)].map((m) => m[0]);
}

describe('architecture', () => {
  it('config imports from no feature folder, only from config/, secret.ts and packages', () => {
    const files = listSources('config');
    expect(files).toContain('config/index.ts');
    const offenders = files.flatMap((file) =>
      readSpecifiers(readFileSync(path.join(SRC, file), 'utf8')).flatMap((specifier) => {
        const target = findForbiddenImport(file, specifier);
        return target === undefined ? [] : [`${file} imports ${specifier}`];
      }),
    );
    expect(offenders).toEqual([]);
  });

  it('config is one folder: no config module is left at the top of src/ or in a feature folder', () => {
    const leftovers = listSources('.').filter((file) =>
      /(^|\/)(config|config-rules[\w-]*|duration|parse-rate-rule|parse-trust-proxy|api-routes)\.ts$/.test(
        file,
      ),
    );
    expect(leftovers.filter((file) => !file.startsWith('config/'))).toEqual([]);
  });

  it('the import check catches an import from a feature folder and lets config and packages through', () => {
    expect(findForbiddenImport('config/variables.ts', '../proxy/api-routes')).toBe('proxy/api-routes');
    expect(findForbiddenImport('config/variables.ts', '../http/server-limits')).toBe('http/server-limits');
    expect(findForbiddenImport('config/variables.ts', '../app')).toBe('app');
    expect(findForbiddenImport('config/variables.ts', './duration')).toBeUndefined();
    expect(findForbiddenImport('config/variables.ts', '../secret')).toBeUndefined();
    expect(findForbiddenImport('config/variables.ts', 'zod')).toBeUndefined();
    expect(
      readSpecifiers("import { a } from '../proxy/a';\nexport type { B } from './b';\nawait import('../c');"),
    ).toEqual(['../proxy/a', './b', '../c']);
  });

  it('a provider room is imported only by the registry and by itself', () => {
    // `providers/fapi/` is the FAPI 2.0 machinery Singpass and Corppass share, not a provider's room.
    const rooms = readdirSync(path.join(SRC, 'providers'), { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && entry.name !== 'fapi')
      .map((entry) => `providers/${entry.name}/`);
    expect(rooms).toContain('providers/sgid/');
    const offenders = listSources('.').flatMap((file) =>
      readSpecifiers(readFileSync(path.join(SRC, file), 'utf8')).flatMap((specifier) => {
        if (!specifier.startsWith('.')) return [];
        const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier));
        const room = rooms.find((r) => target.startsWith(r));
        if (room === undefined || file.startsWith(room) || file === 'providers/registry.ts') return [];
        return [`${file} imports ${specifier}`];
      }),
    );
    expect(offenders).toEqual([]);
  });

  it('no endpoint is registered outside src/routes/', () => {
    const offenders = listSources('.').filter(
      (file) =>
        !file.startsWith('routes/') &&
        findEndpointRegistrations(readFileSync(path.join(SRC, file), 'utf8')).length > 0,
    );
    expect(offenders).toEqual([]);
  });

  it('the endpoint check finds route methods, route() and register(), not a Map lookup', () => {
    const source = [
      "app.get('/healthz', handler);",
      'scope.all(route.prefix, handler);',
      'app.route({ method: "GET", url: "/x", handler });',
      'await app.register(async (scope) => {});',
      'const n = counts.get(key) ?? 0;',
      "const text = await redis.get('k');",
    ].join('\n');
    expect(findEndpointRegistrations(source)).toEqual([
      'app.get(',
      'scope.all(',
      'app.route(',
      'app.register(',
    ]);
  });

  it('@sgid-bff/identity is imported only by the demo upstream (demo-api/)', () => {
    const importers = listSources('.').filter((file) =>
      readSpecifiers(readFileSync(path.join(SRC, file), 'utf8')).some((s) =>
        s.startsWith('@sgid-bff/identity'),
      ),
    );
    expect(importers).toContain('demo-api/create-demo-api.ts');
    expect(importers.filter((file) => !file.startsWith('demo-api/'))).toEqual([]);
  });
});
