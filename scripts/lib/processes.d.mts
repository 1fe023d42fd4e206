import type { ChildProcess } from 'node:child_process';

export function freePort(): Promise<number>;
export function waitForHttp(
  url: string,
  options?: { child?: ChildProcess; name?: string; timeoutMs?: number; details?: () => string },
): Promise<void>;
export function waitForOutput(
  child: ChildProcess,
  pattern: RegExp,
  options?: { name?: string; timeoutMs?: number },
): Promise<{ match: RegExpExecArray; output: string }>;
export function stopProcess(
  child: ChildProcess,
  options?: { signal?: NodeJS.Signals; graceMs?: number },
): Promise<number | null>;
