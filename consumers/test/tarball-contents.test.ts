/**
 * What each published tarball holds, from `npm pack --dry-run --json` of every public workspace package:
 * only what runs (the built `dist/`, the bins) and the package's README, LICENSE and package.json — no
 * sources, no tests, no keys, nothing under `.data`; every entry point in `exports` (JS and types) and
 * every bin is in it; every source map stays inside the package and carries its sources' text.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listEntryPoints, listPublicPackages, workspaceRoot } from '../../scripts/lib/workspace-packages.mjs';

/** What may ship, for every public package. */
const MAY_SHIP = [
  /^package\.json$/,
  /^README\.md$/,
  /^LICENSE$/,
  /^dist\/(?:[a-z0-9-]+\/)*[a-z0-9-]+(?:-[A-Z0-9]{8})?\.(?:js|js\.map|d\.ts)$/,
  /^bin\/[a-z0-9-]+\.js$/,
];
/** What must never ship, even if a pattern above were loosened. */
const NEVER = [
  /\.test\./,
  /(?:^|\/)test(?:s|-helpers)?(?:\/|\.)/,
  /(?:^|\/)\.data\//,
  /\.pem$/,
  /\.key$/,
  /^src\//,
];

const packages = listPublicPackages();

function dryRunPack(dir: string): { path: string; size: number }[] {
  const stdout = execFileSync('npm', ['pack', '--dry-run', '--json'], { cwd: dir, encoding: 'utf8' });
  const [result] = JSON.parse(stdout) as { files: { path: string; size: number }[] }[];
  if (!result) throw new Error(`npm pack --dry-run printed nothing in ${dir}`);
  return result.files;
}

describe('the published tarballs', () => {
  it('are the five public packages (the demo SPA, e2e and bench stay private)', () => {
    expect(packages.map((p) => p.name).sort()).toEqual(
      expect.arrayContaining([
        '@sgid-bff/bff',
        '@sgid-bff/client',
        '@sgid-bff/emulator',
        '@sgid-bff/identity',
        '@sgid-bff/protocol',
      ]),
    );
    expect(packages.map((p) => p.name)).not.toContain('@sgid-bff/spa');
  });

  describe.each(packages.map((p) => [p.name, p] as const))('%s', (_name, pkg) => {
    const files = dryRunPack(pkg.dir);
    const paths = files.map((f) => f.path);

    it('holds only what may ship, and nothing that must not', () => {
      const unexpected = paths.filter((p) => !MAY_SHIP.some((rule) => rule.test(p)));
      expect(unexpected).toEqual([]);
      const forbidden = paths.filter((p) => NEVER.some((rule) => rule.test(p)));
      expect(forbidden).toEqual([]);
    });

    it('holds every entry point of `exports` (JS and declarations), every bin, README and LICENSE', () => {
      const entries = listEntryPoints(pkg);
      expect(entries.length).toBeGreaterThan(0);
      for (const entry of entries) {
        expect(entry.types, `${entry.subpath} declares types`).toBeDefined();
        expect(paths).toContain(path.posix.normalize(entry.default));
        expect(paths).toContain(path.posix.normalize(entry.types ?? ''));
      }
      for (const bin of Object.values(pkg.manifest.bin ?? {}))
        expect(paths).toContain(path.posix.normalize(bin));
      expect(paths).toEqual(expect.arrayContaining(['README.md', 'LICENSE', 'package.json']));
    });

    it('has the metadata a registry page needs, one licence text, and node engines', () => {
      const m = pkg.manifest;
      expect(m.license).toBe('MIT');
      expect(m.engines).toEqual({ node: '>=20.19' });
      expect(m.repository).toMatchObject({ type: 'git', directory: pkg.relativeDir });
      expect((m.keywords as string[]).length).toBeGreaterThan(2);
      expect(typeof m.description).toBe('string');
      expect(readFileSync(path.join(pkg.dir, 'LICENSE'), 'utf8')).toBe(
        readFileSync(path.join(workspaceRoot, 'LICENSE'), 'utf8'),
      );
    });

    it('has source maps that point only inside the package and carry their sources', () => {
      const maps = paths.filter((p) => p.endsWith('.map'));
      for (const map of maps) {
        const file = path.join(pkg.dir, map);
        const json = JSON.parse(readFileSync(file, 'utf8')) as {
          sources: string[];
          sourcesContent?: unknown[];
        };
        for (const source of json.sources) {
          const resolved = path.resolve(path.dirname(file), source);
          expect(path.relative(pkg.dir, resolved), `${map}: ${source}`).not.toMatch(/^\.\./);
          expect(source).not.toMatch(/node_modules/);
        }
        expect(json.sourcesContent?.length).toBe(json.sources.length);
      }
    });

    it('depends on the other public packages at exactly the version they all share', () => {
      const publicNames = new Set(packages.map((p) => p.name));
      for (const [name, range] of Object.entries(pkg.manifest.dependencies ?? {}))
        if (publicNames.has(name)) expect(range, name).toBe(pkg.manifest.version);
      expect(new Set(packages.map((p) => p.manifest.version)).size).toBe(1);
    });
  });
});
