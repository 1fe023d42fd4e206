// What the kernel says about a process: CPU time (utime + stime from /proc/<pid>/stat) and resident
// memory (VmRSS from /proc/<pid>/status). Linux only, which is what the benchmarks run on.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

function clockTicks() {
  try {
    const n = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
    return Number.isFinite(n) && n > 0 ? n : 100;
  } catch {
    return 100;
  }
}

/** Kernel clock ticks per second (the unit of utime/stime). */
export const CLK_TCK = clockTicks();

/** CPU time (user + system) a process has used so far, in milliseconds. */
export function cpuMs(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) is in parentheses and may contain spaces: split after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 (state); utime is field 14 and stime field 15.
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return ((utime + stime) * 1000) / CLK_TCK;
}

/** Resident set size of a process, in bytes. */
export function rssBytes(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  return match ? Number(match[1]) * 1024 : Number.NaN;
}

/**
 * Start measuring the CPU time of some processes; `stop()` answers the milliseconds each used since.
 * @param {Record<string, number>} pids name → pid
 */
export function cpuMeter(pids) {
  const start = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, cpuMs(pid)]));
  const self0 = process.cpuUsage();
  return {
    stop() {
      const used = {};
      for (const [name, pid] of Object.entries(pids)) used[name] = cpuMs(pid) - start[name];
      const self = process.cpuUsage(self0);
      used.driver = (self.user + self.system) / 1000;
      return used;
    },
  };
}
