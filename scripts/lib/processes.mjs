// Child processes on loopback, one way for everyone who starts them (`npm start`, the benchmarks, the
// browser tests and the BFF's process tests): a free port to listen on, waiting until a process answers
// HTTP or prints what it prints when ready, and stopping it with SIGTERM, then SIGKILL if it lingers.
// Plain ESM so that scripts and benchmarks run it without a build; types in processes.d.mts.
import net from 'node:net';

/** A TCP port on 127.0.0.1 that nothing listens on right now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

const hasExited = (child) => child.exitCode !== null || child.signalCode !== null;

/**
 * Wait until `url` answers any HTTP response. Throws when `child` exits first or after `timeoutMs`;
 * `details()` adds to the message (e.g. the last lines of the process's log).
 * @param {string} url
 * @param {{ child?: import('node:child_process').ChildProcess, name?: string, timeoutMs?: number,
 *   details?: () => string }} [options]
 */
export async function waitForHttp(url, { child, name = 'the process', timeoutMs = 30_000, details } = {}) {
  const more = () => (details ? `:\n${details()}` : '');
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) {
      throw new Error(`${name} exited with code ${child.exitCode} while starting${more()}`);
    }
    try {
      await fetch(url, { signal: AbortSignal.timeout(1000) });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`${name} did not answer at ${url} within ${timeoutMs} ms${more()}`);
}

/**
 * Wait until the process's stdout or stderr matches `pattern`; answers the match and the output so far.
 * Throws when the process ends (its output closed, so nothing it printed is missed) or after `timeoutMs`.
 * @param {import('node:child_process').ChildProcess} child
 * @param {RegExp} pattern
 * @param {{ name?: string, timeoutMs?: number }} [options]
 */
export function waitForOutput(child, pattern, { name = 'the process', timeoutMs = 20_000 } = {}) {
  return new Promise((resolve, reject) => {
    let output = '';
    const done = (settle) => {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.stderr?.off('data', onData);
      child.off('close', onClose);
      settle();
    };
    const onData = (chunk) => {
      output += chunk.toString();
      const match = pattern.exec(output);
      if (match) done(() => resolve({ match, output }));
    };
    const onClose = (code) =>
      done(() => reject(new Error(`${name} exited with ${code} before printing ${pattern}:\n${output}`)));
    const timer = setTimeout(
      () =>
        done(() => reject(new Error(`${name} did not print ${pattern} within ${timeoutMs} ms:\n${output}`))),
      timeoutMs,
    );
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('close', onClose);
  });
}

/**
 * Stop a process: `signal` (SIGTERM unless told), then SIGKILL when it has not exited after `graceMs`.
 * Answers its exit code (null when a signal ended it).
 * @param {import('node:child_process').ChildProcess} child
 * @param {{ signal?: NodeJS.Signals, graceMs?: number }} [options]
 */
export function stopProcess(child, { signal = 'SIGTERM', graceMs = 5000 } = {}) {
  if (hasExited(child)) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
    child.kill(signal);
  });
}
