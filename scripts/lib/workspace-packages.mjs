// The workspace's packages as the build, the release scripts and the consumer tests see them: read from
// the root `workspaces` list, so a package added there (with its `exports`) is built, packed and tested
// without another list to keep in step. A package is public when its package.json has no `"private": true`.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const workspaceRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * Every workspace package, dependencies before their dependents (by `@sgid-bff/*` dependencies).
 * @param {string} [root]
 * @returns {import('./workspace-packages.d.mts').WorkspacePackage[]}
 */
export function listWorkspacePackages(root = workspaceRoot) {
  const rootManifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  const packages = rootManifest.workspaces.map((relative) => {
    const dir = path.join(root, relative);
    const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
    return { name: manifest.name, dir, relativeDir: relative, manifest, public: manifest.private !== true };
  });
  return sortByDependencies(packages);
}

/** The packages that are published: no `"private": true`. */
export function listPublicPackages(root = workspaceRoot) {
  return listWorkspacePackages(root).filter((p) => p.public);
}

/** Names of the workspace packages a package depends on (runtime, peer and dev). */
export function workspaceDependencies(pkg, names) {
  const { dependencies = {}, peerDependencies = {}, devDependencies = {} } = pkg.manifest;
  return Object.keys({ ...dependencies, ...peerDependencies, ...devDependencies }).filter((d) =>
    names.has(d),
  );
}

function sortByDependencies(packages) {
  const byName = new Map(packages.map((p) => [p.name, p]));
  const names = new Set(byName.keys());
  const sorted = [];
  const state = new Map();
  const visit = (pkg, trail) => {
    if (state.get(pkg.name) === 'done') return;
    if (state.get(pkg.name) === 'visiting')
      throw new Error(`workspace dependency cycle: ${[...trail, pkg.name].join(' → ')}`);
    state.set(pkg.name, 'visiting');
    // Only runtime dependencies order the build: a dev dependency (the BFF's tests use the emulator)
    // may point either way.
    const { dependencies = {}, peerDependencies = {} } = pkg.manifest;
    for (const dep of Object.keys({ ...dependencies, ...peerDependencies }))
      if (names.has(dep)) visit(byName.get(dep), [...trail, pkg.name]);
    state.set(pkg.name, 'done');
    sorted.push(pkg);
  };
  for (const pkg of packages) visit(pkg, []);
  return sorted;
}

/**
 * The entry points a package declares in `exports`: subpath, TypeScript source, built JS and declarations.
 * Entries without our `sgid-bff-source` condition (the TypeScript source, for the workspace's own tools) (e.g. `./package.json`) are not built and are left out.
 * @returns {import('./workspace-packages.d.mts').EntryPoint[]}
 */
/**
 * The export condition naming an entry's TypeScript source. Named after the project so that no consumer's
 * bundler matches it (a bare `source` is used by some): it points at `src/`, which tarballs do not ship.
 */
export const SOURCE_CONDITION = 'sgid-bff-source';

export function listEntryPoints(pkg) {
  const exportsField = pkg.manifest.exports ?? {};
  return Object.entries(exportsField)
    .filter(([, target]) => typeof target === 'object' && target !== null && SOURCE_CONDITION in target)
    .map(([subpath, target]) => ({
      subpath,
      source: target[SOURCE_CONDITION],
      default: target.default,
      types: target.types,
    }));
}
