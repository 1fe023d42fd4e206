// Start the processes under test as separate Node processes (as they run in production), each with its
// stdout/stderr going to a log file under .tmp/bench/logs, optionally with the V8 CPU profiler on.
import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const tmpDir = path.join(root, '.tmp', 'bench');
export const logDir = path.join(tmpDir, 'logs');
export const profileDir = path.join(root, '.tmp', 'profiles');

const running = new Set();

/**
 * Start `node script args…`.
 * @param {{ name: string, script: string, args?: string[], env?: Record<string,string>, cwd?: string,
 *   cpuProf?: boolean }} options
 */
export function startNode({ name, script, args = [], env = {}, cwd = root, cpuProf = false }) {
  mkdirSync(logDir, { recursive: true });
  const logFile = path.join(logDir, `${name}.log`);
  const fd = openSync(logFile, 'w');
  const nodeArgs = [];
  if (cpuProf) {
    mkdirSync(profileDir, { recursive: true });
    nodeArgs.push(
      '--cpu-prof',
      '--cpu-prof-dir',
      profileDir,
      '--cpu-prof-name',
      `${name}-${Date.now()}.cpuprofile`,
    );
  }
  const child = spawn(process.execPath, [...nodeArgs, script, ...args], {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', fd, fd],
  });
  closeSync(fd);
  const proc = {
    name,
    child,
    pid: child.pid,
    logFile,
    /** The last lines of the process's log. */
    tail(lines = 20) {
      try {
        return readFileSync(logFile, 'utf8').split('\n').slice(-lines).join('\n');
      } catch {
        return '';
      }
    },
    stop() {
      running.delete(proc);
      if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
      return new Promise((resolve) => {
        const timer = setTimeout(() => child.kill('SIGKILL'), 8000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill('SIGTERM');
      });
    },
  };
  running.add(proc);
  return proc;
}

/** Stop every process started here that is still running. */
export function stopAll() {
  return Promise.all([...running].map((p) => p.stop()));
}

/** Wait until `url` answers any HTTP response (or throw with the process's log). */
export async function waitForHttp(proc, url, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (proc.child.exitCode !== null) {
      throw new Error(`${proc.name} exited with code ${proc.child.exitCode} while starting:\n${proc.tail()}`);
    }
    try {
      await fetch(url, { signal: AbortSignal.timeout(1000) });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`${proc.name} did not answer at ${url} within ${timeoutMs} ms:\n${proc.tail()}`);
}
