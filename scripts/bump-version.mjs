#!/usr/bin/env node
// `npm run release:version -- <major|minor|patch|x.y.z> [--dry-run]`: the published packages move
// together. Sets one new version on every public workspace package, rewrites every workspace package's
// dependency on them (keeping a `^`/`~` prefix), does the same in package-lock.json, and turns the
// changelog's "Unreleased" section into the new version's. Refuses when the public packages disagree on
// their current version or the changelog has no "Unreleased" section. (`--root DIR` is for its test.)
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { listWorkspacePackages, workspaceRoot } from './lib/workspace-packages.mjs';

const SEMVER = /^(\d+)\.(\d+)\.(\d+)(?:-[0-9A-Za-z.-]+)?$/;
const DEPENDENCY_FIELDS = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'];

/** The version after `current` for `bump` (a level or an explicit version). */
export function nextVersion(current, bump) {
  const match = SEMVER.exec(current);
  if (!match) throw new Error(`current version '${current}' is not semver`);
  const [major, minor, patch] = match.slice(1, 4).map(Number);
  if (bump === 'major') return `${major + 1}.0.0`;
  if (bump === 'minor') return `${major}.${minor + 1}.0`;
  if (bump === 'patch') return `${major}.${minor}.${patch + 1}`;
  if (SEMVER.test(bump)) return bump;
  throw new Error(`expected major, minor, patch or a version such as 1.2.3, not '${bump}'`);
}

function rewriteRanges(manifest, publicNames, version) {
  for (const field of DEPENDENCY_FIELDS) {
    const deps = manifest[field];
    if (!deps) continue;
    for (const name of Object.keys(deps)) {
      if (!publicNames.has(name)) continue;
      const prefix = /^[\^~]/.exec(deps[name])?.[0] ?? '';
      deps[name] = `${prefix}${version}`;
    }
  }
}

const writeJson = (file, value) => writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);

/** Apply the bump under `root`; answers the new version and the files it changed. */
export function bumpVersions({ root, bump, dryRun = false, date = new Date() }) {
  const packages = listWorkspacePackages(root);
  const publicPackages = packages.filter((p) => p.public);
  const versions = new Set(publicPackages.map((p) => p.manifest.version));
  if (versions.size !== 1)
    throw new Error(
      `the public packages disagree: ${publicPackages.map((p) => `${p.name}@${p.manifest.version}`).join(', ')}`,
    );
  const [current] = versions;
  const version = nextVersion(current, bump);
  const publicNames = new Set(publicPackages.map((p) => p.name));

  const changelogFile = path.join(root, 'CHANGELOG.md');
  const changelog = readFileSync(changelogFile, 'utf8');
  if (!/^## Unreleased$/m.test(changelog)) throw new Error('CHANGELOG.md has no "## Unreleased" section');
  const day = date.toISOString().slice(0, 10);
  const newChangelog = changelog.replace(/^## Unreleased$/m, `## Unreleased\n\n## ${version} (${day})`);

  const lockFile = path.join(root, 'package-lock.json');
  const lock = JSON.parse(readFileSync(lockFile, 'utf8'));
  const changed = [];
  for (const pkg of packages) {
    const manifest = structuredClone(pkg.manifest);
    if (pkg.public) manifest.version = version;
    rewriteRanges(manifest, publicNames, version);
    const lockEntry = lock.packages?.[pkg.relativeDir];
    if (lockEntry) {
      if (pkg.public) lockEntry.version = version;
      rewriteRanges(lockEntry, publicNames, version);
    }
    if (JSON.stringify(manifest) !== JSON.stringify(pkg.manifest)) {
      changed.push(path.join(pkg.relativeDir, 'package.json'));
      if (!dryRun) writeJson(path.join(pkg.dir, 'package.json'), manifest);
    }
  }
  changed.push('package-lock.json', 'CHANGELOG.md');
  if (!dryRun) {
    writeJson(lockFile, lock);
    writeFileSync(changelogFile, newChangelog);
  }
  return { from: current, version, changed };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  let args;
  try {
    args = parseArgs({
      allowPositionals: true,
      options: { 'dry-run': { type: 'boolean' }, root: { type: 'string' } },
    });
  } catch (error) {
    console.error(`bump-version: ${error.message}`);
    process.exit(2);
  }
  const [bump] = args.positionals;
  if (!bump || args.positionals.length > 1) {
    console.error('Usage: npm run release:version -- <major|minor|patch|x.y.z> [--dry-run]');
    process.exit(2);
  }
  try {
    const result = bumpVersions({
      root: args.values.root ? path.resolve(args.values.root) : workspaceRoot,
      bump,
      dryRun: args.values['dry-run'] === true,
    });
    console.log(
      `${args.values['dry-run'] ? 'would bump' : 'bumped'} ${result.from} → ${result.version}:\n  ${result.changed.join('\n  ')}`,
    );
  } catch (error) {
    console.error(`bump-version: ${error.message}`);
    process.exit(1);
  }
}
