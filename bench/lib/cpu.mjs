// What the kernel says about a process: CPU time (utime + stime from /proc/<pid>/stat). Linux only,
// which is what the benchmarks run on; and whether other work on the machine disturbed a sample.
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
  let stat;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    throw new Error(`process ${pid} is gone (it exited or something else stopped it during the load)`);
  }
  // The command name (field 2) is in parentheses and may contain spaces: split after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 (state); utime is field 14 and stime field 15.
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return ((utime + stime) * 1000) / CLK_TCK;
}

/** CPU time the whole machine has been busy so far (all cores, /proc/stat), in milliseconds. */
export function machineBusyMs() {
  const line = readFileSync('/proc/stat', 'utf8').slice(0, 256).split('\n')[0];
  // cpu user nice system idle iowait irq softirq steal …
  const [user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number);
  return ((user + nice + system + irq + softirq + steal) * 1000) / CLK_TCK;
}

/**
 * Start measuring the CPU time of some processes; `stop()` answers the milliseconds each used since, the
 * driver's (this process) as `driver`, and `foreignCores`: how many cores other processes on the machine
 * kept busy meanwhile (other work competing with the benchmark; ~0 on a quiet machine).
 * @param {Record<string, number>} pids name → pid
 */
export function cpuMeter(pids) {
  const start = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, cpuMs(pid)]));
  const self0 = process.cpuUsage();
  const busy0 = machineBusyMs();
  const t0 = performance.now();
  return {
    stop() {
      const used = {};
      for (const [name, pid] of Object.entries(pids)) used[name] = cpuMs(pid) - start[name];
      const self = process.cpuUsage(self0);
      used.driver = (self.user + self.system) / 1000;
      const ours = Object.values(used).reduce((a, b) => a + b, 0);
      const elapsed = performance.now() - t0;
      used.foreignCores = Math.max(0, (machineBusyMs() - busy0 - ours) / elapsed);
      return used;
    },
  };
}

/** Other processes may keep at most this many cores busy during a sample before it is taken again. */
export const MAX_FOREIGN_CORES = 0.3;

let retryDeadline = Number.POSITIVE_INFINITY;
/** Retakes in a row that were disturbed too: past a few, the machine is busy for good and retakes stop. */
let fruitlessRetakes = 0;
const MAX_FRUITLESS_RETAKES = 4;
/** After this time (ms since the epoch) samples are no longer taken again: bounds a whole run. */
export function setRetryDeadline(time) {
  retryDeadline = time;
}

/**
 * Run one bounded measurement `fn()` while metering `pids`; when other work on the machine kept more than
 * MAX_FOREIGN_CORES busy meanwhile, take it again (at most `attempts` times in all) and keep the quietest.
 * Answers `{ result, cpu, attempts }`.
 */
export async function quietSample(fn, pids, { attempts = 3, log } = {}) {
  let best;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    if (attempt > 1 && (Date.now() > retryDeadline || fruitlessRetakes >= MAX_FRUITLESS_RETAKES)) break;
    const meter = cpuMeter(pids);
    const result = await fn();
    const cpu = meter.stop();
    if (!best || cpu.foreignCores < best.cpu.foreignCores) best = { result, cpu, attempts: attempt };
    if (attempt > 1) fruitlessRetakes = cpu.foreignCores <= MAX_FOREIGN_CORES ? 0 : fruitlessRetakes + 1;
    if (fruitlessRetakes === MAX_FRUITLESS_RETAKES && attempt > 1) {
      log?.(
        '  (other work keeps the machine busy: no more retakes in this run; see "other work" in the report)',
      );
    }
    if (cpu.foreignCores <= MAX_FOREIGN_CORES) break;
    if (attempt < attempts) {
      log?.(`  (other work kept ${cpu.foreignCores.toFixed(2)} cores busy: measuring again)`);
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
  return best;
}
