/**
 * A project of a user's, made the way a user makes one: the public packages packed with `npm pack`, then
 * installed from those tarballs (and their dependencies from the registry) into an empty folder in the
 * system's temp dir, outside the workspace, so that nothing resolves through the workspace's links.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { listEntryPoints, listPublicPackages, workspaceRoot } from '../../scripts/lib/workspace-packages.mjs';

const run = promisify(execFile);

export interface PackedPackage {
  name: string;
  version: string;
  tarball: string;
}

/** Newest modification time of the files under `dir` (0 when there are none). */
function newestMtime(dir: string): number {
  if (!existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true }))
    if (entry.isFile()) newest = Math.max(newest, statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  return newest;
}

/**
 * Build when a public package's `dist/` is missing or older than its sources (`npm test` builds just
 * before the tests, so there this costs nothing; a focused run never packs a stale build).
 */
export async function ensureBuilt(): Promise<void> {
  const stale = listPublicPackages().some((pkg) =>
    listEntryPoints(pkg).some((entry) => {
      const built = path.join(pkg.dir, entry.default);
      return !existsSync(built) || statSync(built).mtimeMs < newestMtime(path.join(pkg.dir, 'src'));
    }),
  );
  if (stale)
    await run(process.execPath, [path.join(workspaceRoot, 'scripts', 'build.mjs')], {
      cwd: workspaceRoot,
      timeout: 300_000,
    });
}

/** `npm pack` every public workspace package into `destination`. */
export async function packPublicPackages(destination: string): Promise<PackedPackage[]> {
  await mkdir(destination, { recursive: true });
  const packed: PackedPackage[] = [];
  for (const pkg of listPublicPackages()) {
    const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', destination], {
      cwd: pkg.dir,
      timeout: 120_000,
      maxBuffer: 16 * 1024 * 1024,
    });
    const [result] = JSON.parse(stdout) as { filename: string }[];
    if (!result) throw new Error(`npm pack of ${pkg.name} printed no result`);
    packed.push({
      name: pkg.name,
      version: pkg.manifest.version,
      tarball: path.join(destination, result.filename),
    });
  }
  return packed;
}

/** The version the workspace has installed of an npm package: the project reuses npm's cache for it. */
export function workspaceVersionOf(name: string): string {
  const manifest = path.join(workspaceRoot, 'node_modules', name, 'package.json');
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
}

/**
 * Write package.json and install. The tarballs are file dependencies (so the inter-package ranges are
 * met by them, not by the registry); the rest comes from the registry at the versions the workspace
 * uses, `--prefer-offline` so that npm's cache answers what it can. better-sqlite3 is compiled from
 * source (`build-from-source`): its prebuilt binaries live on GitHub, which a CI box may not reach.
 */
export async function installProject(
  dir: string,
  packed: readonly PackedPackage[],
  registryDependencies: readonly string[],
): Promise<{ ms: number }> {
  await mkdir(dir, { recursive: true });
  const dependencies: Record<string, string> = {};
  for (const pkg of packed) dependencies[pkg.name] = `file:${pkg.tarball}`;
  for (const name of registryDependencies) dependencies[name] = workspaceVersionOf(name);
  await writeFile(
    path.join(dir, 'package.json'),
    `${JSON.stringify(
      {
        name: 'consumer-app',
        private: true,
        type: 'module',
        dependencies,
        allowScripts: { 'better-sqlite3': true, esbuild: true },
      },
      null,
      2,
    )}\n`,
  );
  const started = performance.now();
  await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: dir,
    timeout: 600_000,
    maxBuffer: 16 * 1024 * 1024,
    env: { ...process.env, npm_config_build_from_source: 'true', JOBS: 'max' },
  });
  return { ms: Math.round(performance.now() - started) };
}

/** A command run in the project as a user would (`npx <bin> …`), in its own process group. */
export function spawnInProject(
  dir: string,
  command: string,
  args: readonly string[],
  env: Record<string, string> = {},
): ChildProcess {
  return spawn(command, [...args], {
    cwd: dir,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
}

/** Run a command in the project to its end (bounded); answers its exit code and output. */
export async function runInProject(
  dir: string,
  command: string,
  args: readonly string[],
  { env = {}, timeoutMs = 120_000 }: { env?: Record<string, string>; timeoutMs?: number } = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawnInProject(dir, command, args, env);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk;
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk;
  });
  const timer = setTimeout(() => stopGroup(child, 'SIGKILL'), timeoutMs);
  const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
  clearTimeout(timer);
  return { code, stdout, stderr };
}

/** Stop a process started by {@link spawnInProject} and everything it started (npx → sh → node). */
export async function stopGroup(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const closed = new Promise((resolve) => child.once('close', resolve));
  try {
    process.kill(-child.pid, signal);
  } catch {
    return; // already gone
  }
  const timer = setTimeout(() => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    } catch {}
  }, 5_000);
  await closed;
  clearTimeout(timer);
}

/** Read a `KEY=value` file as the README tells users to write one (`#` comments, no quoting). */
export function parseEnvFile(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const at = trimmed.indexOf('=');
    if (at <= 0) throw new Error(`not KEY=value: ${line}`);
    env[trimmed.slice(0, at)] = trimmed.slice(at + 1);
  }
  return env;
}
