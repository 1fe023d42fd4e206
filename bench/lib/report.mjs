// The machine a run happened on, and the Markdown helpers that turn results into docs/performance.md.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';

function tryRun(command, args) {
  try {
    return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}

/** CPU model, cores, RAM, OS, Node version and date: everything a reader needs to weigh the numbers. */
export function machineInfo() {
  const cpus = os.cpus();
  const redis = tryRun('redis-server', ['--version'])?.match(/v=(\S+)/)?.[1];
  return {
    cpu: cpus[0]?.model?.trim() ?? 'unknown',
    cores: cpus.length,
    ramGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    os: `${os.type()} ${os.release()} (${os.arch()})`,
    node: process.version,
    redis: redis ?? 'unknown',
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    commit:
      (tryRun('git', ['rev-parse', '--short', 'HEAD']) ?? 'unknown') +
      (tryRun('git', ['status', '--porcelain', '--', 'packages'])
        ? ' (bundles built from a working tree with uncommitted changes in packages/)'
        : ''),
  };
}

/** A Markdown table from a header row and rows of cells. */
export function table(header, rows) {
  const line = (cells) => `| ${cells.map((c) => String(c).replaceAll('|', '\\|')).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** ✅ / ❌ / — for a goal. */
export function verdict(reached) {
  if (reached === undefined) return '— not measured';
  return reached ? '✅ reached' : '❌ not reached';
}

const begin = (name) => `<!-- bench:${name}:begin -->`;
const end = (name) => `<!-- bench:${name}:end -->`;

/** Wrap generated Markdown so that one section can later be replaced on its own. */
export function section(name, markdown) {
  return `${begin(name)}\n${markdown.trim()}\n${end(name)}`;
}

/**
 * Replace one generated section of a Markdown file in place (appending it when the file lacks it).
 * Answers false when the file does not exist.
 */
export function replaceSection(file, name, markdown) {
  if (!existsSync(file)) return false;
  const text = readFileSync(file, 'utf8');
  const start = text.indexOf(begin(name));
  const stop = text.indexOf(end(name));
  const replacement = section(name, markdown);
  const next =
    start !== -1 && stop > start
      ? text.slice(0, start) + replacement + text.slice(stop + end(name).length)
      : `${text.trimEnd()}\n\n${replacement}\n`;
  writeFileSync(file, next);
  return true;
}
