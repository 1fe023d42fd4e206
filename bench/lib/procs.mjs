// Start the processes under test as separate Node processes (as they run in production), each with its
// stdout/stderr going to a log file under .tmp/bench/logs, optionally with the V8 CPU profiler on.
import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { stopProcess, waitForHttp } from '../../scripts/lib/processes.mjs';

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
    /** Wait until `url` answers HTTP (or throw with the process's log). */
    waitForHttp(url, timeoutMs = 30_000) {
      return waitForHttp(url, { child, name, timeoutMs, details: () => proc.tail() });
    },
    stop() {
      running.delete(proc);
      return stopProcess(child, { graceMs: 8000 });
    },
  };
  running.add(proc);
  return proc;
}

/** Stop every process started here that is still running. */
export function stopAll() {
  return Promise.all([...running].map((p) => p.stop()));
}
