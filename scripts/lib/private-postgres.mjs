// A PostgreSQL cluster of our own, for `npm test` when none answers and for the fault tests that stop or
// pause the server (the shared one is never touched): `initdb` into a temporary directory, `pg_ctl` on its
// own port, a Unix socket in that directory, trust authentication on loopback only.
// initdb and postgres refuse to run as root, so as root they run as the `postgres` user (or `nobody`),
// which owns the directory. Plain ESM, shared by scripts and tests; types in private-postgres.d.mts.
import { spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** `name` (initdb, pg_ctl) on PATH, else in Debian's /usr/lib/postgresql/<version>/bin, newest first. */
export function findPostgresBin(name) {
  const onPath = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  if (onPath.status === 0 && onPath.stdout.trim()) return onPath.stdout.trim();
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return undefined;
  const versions = readdirSync(base)
    .filter((v) => /^\d+$/.test(v))
    .sort((a, b) => Number(b) - Number(a));
  for (const version of versions) {
    const file = path.join(base, version, 'bin', name);
    if (existsSync(file)) return file;
  }
  return undefined;
}

/** The user the server runs as, when we are root: `postgres` if it exists, else `nobody`. */
function serverUser() {
  if (process.getuid?.() !== 0) return undefined;
  for (const name of ['postgres', 'nobody']) {
    const uid = spawnSync('id', ['-u', name], { encoding: 'utf8' });
    const gid = spawnSync('id', ['-g', name], { encoding: 'utf8' });
    if (uid.status === 0 && gid.status === 0)
      return { name, uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  }
  throw new Error('running as root, and there is neither a postgres nor a nobody user to run PostgreSQL as');
}

/**
 * Start a private cluster. `fsync: false` suits a throwaway test server; the fault tests keep it on, since
 * they count sessions across a stop. Answers its URL (user `postgres`, database `postgres`), the server's
 * processes, and stop/start/destroy.
 * @param {{ port: number, fsync?: boolean }} options
 */
export function startPrivatePostgres({ port, fsync = true }) {
  const initdb = findPostgresBin('initdb');
  const pgCtl = findPostgresBin('pg_ctl');
  if (!initdb || !pgCtl) throw new Error(missingPostgresMessage());
  const user = serverUser();
  const dir = mkdtempSync(path.join(tmpdir(), 'sgid-bff-pg-'));
  if (user) chownSync(dir, user.uid, user.gid);
  const data = path.join(dir, 'data');
  const as = (command, args) => {
    const [file, argv] = user ? ['runuser', ['-u', user.name, '--', command, ...args]] : [command, args];
    const result = spawnSync(file, argv, { encoding: 'utf8', cwd: dir });
    if (result.status !== 0)
      throw new Error(
        `${path.basename(command)} ${args[0]} failed: ${result.stderr || result.stdout}`.trim(),
      );
    return result.stdout;
  };
  as(initdb, ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C']);
  const serverOptions = [
    `-p ${port}`,
    `-k ${dir}`,
    '-c listen_addresses=127.0.0.1',
    `-c fsync=${fsync ? 'on' : 'off'}`,
    '-c max_connections=100',
  ].join(' ');
  const start = () => {
    as(pgCtl, [
      'start',
      '-D',
      data,
      '-l',
      path.join(dir, 'server.log'),
      '-w',
      '-t',
      '30',
      '-o',
      serverOptions,
    ]);
  };
  start();
  const postmasterPid = () => {
    const file = path.join(data, 'postmaster.pid');
    return existsSync(file) ? Number(readFileSync(file, 'utf8').split('\n')[0]) : undefined;
  };
  const processes = () => {
    const parent = postmasterPid();
    if (parent === undefined) return [];
    const children = readdirSync('/proc')
      .filter((entry) => /^\d+$/.test(entry))
      .filter((pid) => {
        try {
          // Field 4 of /proc/<pid>/stat, after the parenthesised command name, is the parent's pid.
          const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
          return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === parent;
        } catch {
          return false; // gone meanwhile
        }
      })
      .map(Number);
    return [parent, ...children];
  };
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    dir,
    /** The postmaster and every process it started (backends, checkpointer, …). */
    processes,
    /** Send `signal` to the postmaster and all its processes (SIGSTOP pauses the whole server). */
    signal: (signal) => {
      for (const pid of processes()) {
        try {
          process.kill(pid, signal);
        } catch {
          // exited meanwhile
        }
      }
    },
    start,
    /** `pg_ctl stop` in `mode` (fast: end sessions, checkpoint, exit; immediate: like a crash). */
    stop: (mode = 'fast') => {
      as(pgCtl, ['stop', '-D', data, '-m', mode, '-w', '-t', '30']);
    },
    log: () => {
      const file = path.join(dir, 'server.log');
      return existsSync(file) ? readFileSync(file, 'utf8') : '';
    },
    destroy: () => {
      for (const pid of processes()) {
        try {
          process.kill(pid, 'SIGCONT'); // a paused server cannot stop
        } catch {}
      }
      try {
        as(pgCtl, ['stop', '-D', data, '-m', 'immediate', '-w', '-t', '30']);
      } catch {
        // already stopped
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function missingPostgresMessage() {
  return (
    'The tests need PostgreSQL: none answers at DATABASE_URL and there is no initdb/pg_ctl to start a private one. ' +
    'Install it with `sudo apt-get install postgresql` (Debian/Ubuntu), or set DATABASE_URL to a PostgreSQL ' +
    'database the tests may use (e.g. postgres://postgres@127.0.0.1:5432/test).'
  );
}
