/**
 * `npm run release:version`: on a copy of the workspace's manifests, one bump moves every public package
 * to the same new version, rewrites the ranges between them (in package.json files and the lockfile) and
 * opens the changelog's section; packages that disagree, or a bad argument, are refused.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { bumpVersions, nextVersion } from '../../scripts/bump-version.mjs';
import { listWorkspacePackages, workspaceRoot } from '../../scripts/lib/workspace-packages.mjs';

const copies: string[] = [];
afterEach(async () => {
  for (const dir of copies.splice(0)) await rm(dir, { recursive: true, force: true });
});

/** The root manifest, lockfile, changelog and every workspace manifest, copied to a temp dir. */
async function copyManifests(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'sgid-bff-bump-'));
  copies.push(dir);
  for (const file of ['package.json', 'package-lock.json', 'CHANGELOG.md'])
    await cp(path.join(workspaceRoot, file), path.join(dir, file));
  for (const pkg of listWorkspacePackages())
    await cp(path.join(pkg.dir, 'package.json'), path.join(dir, pkg.relativeDir, 'package.json'));
  return dir;
}

const readJson = async (file: string) => JSON.parse(await readFile(file, 'utf8'));

describe('bump-version', () => {
  it('computes the next version for a level or takes an explicit one', () => {
    expect(nextVersion('0.1.0', 'patch')).toBe('0.1.1');
    expect(nextVersion('0.1.3', 'minor')).toBe('0.2.0');
    expect(nextVersion('0.9.3', 'major')).toBe('1.0.0');
    expect(nextVersion('0.1.0', '1.0.0-rc.1')).toBe('1.0.0-rc.1');
    expect(() => nextVersion('0.1.0', 'bigger')).toThrow(/major, minor, patch/);
  });

  it('moves every public package, the ranges between them and the lockfile together, and opens the changelog', async () => {
    const root = await copyManifests();
    const before = listWorkspacePackages(root);
    const { version } = bumpVersions({ root, bump: 'minor', date: new Date('2027-01-02T00:00:00Z') });
    const after = listWorkspacePackages(root);
    const lock = await readJson(path.join(root, 'package-lock.json'));
    const publicNames = new Set(after.filter((p) => p.public).map((p) => p.name));
    for (const pkg of after) {
      const old = before.find((p) => p.name === pkg.name);
      expect(pkg.manifest.version).toBe(pkg.public ? version : old?.manifest.version);
      if (pkg.public) expect(lock.packages[pkg.relativeDir].version).toBe(version);
      for (const field of ['dependencies', 'devDependencies', 'peerDependencies'] as const)
        for (const [name, range] of Object.entries(pkg.manifest[field] ?? {}))
          if (publicNames.has(name)) {
            expect(range.replace(/^[\^~]/, ''), `${pkg.name} → ${name}`).toBe(version);
            expect(lock.packages[pkg.relativeDir][field][name]).toBe(range);
          }
    }
    const changelog = await readFile(path.join(root, 'CHANGELOG.md'), 'utf8');
    expect(changelog).toMatch(
      new RegExp(`## Unreleased\\n\\n## ${version.replaceAll('.', '\\.')} \\(2027-01-02\\)`),
    );
  });

  it('refuses when the public packages disagree on their version, and changes nothing', async () => {
    const root = await copyManifests();
    const client = path.join(root, 'packages', 'client', 'package.json');
    const manifest = await readJson(client);
    await writeFile(client, JSON.stringify({ ...manifest, version: '9.9.9' }));
    const lockBefore = await readFile(path.join(root, 'package-lock.json'), 'utf8');
    expect(() => bumpVersions({ root, bump: 'patch' })).toThrow(/disagree.*@sgid-bff\/client@9\.9\.9/);
    expect(await readFile(path.join(root, 'package-lock.json'), 'utf8')).toBe(lockBefore);
  });

  it('--dry-run lists what it would change and writes nothing', async () => {
    const root = await copyManifests();
    const result = bumpVersions({ root, bump: 'patch', dryRun: true });
    expect(result.changed).toEqual(expect.arrayContaining(['packages/bff/package.json', 'CHANGELOG.md']));
    expect((await readJson(path.join(root, 'packages', 'bff', 'package.json'))).version).toBe(result.from);
  });
});
