import { ChildProcess, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { LineSplitter } from '../log-printer';
import { SetupError } from './probe';

export interface DatabaseEndpoint {
  url: string;
  /** True when this is the embedded PGlite: one session, queries one at a time. */
  embedded: boolean;
  started?: { pid: number; dataDir: string; stop(): Promise<void> };
}

const DEFAULT_URL = 'postgres://postgres@127.0.0.1:5432/shop';

// `pg` ships no typings here; this is the little of it the probe uses.
interface PgClient {
  connect(): Promise<void>;
  query(sql: string): Promise<unknown>;
  end(): Promise<void>;
}
type PgClientCtor = new (config: { connectionString: string; connectionTimeoutMillis: number }) => PgClient;

export type ProbeResult = { ok: true } | { ok: false; unreachable: boolean; message: string };

const UNREACHABLE = new Set(['ECONNREFUSED', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'ECONNRESET']);

/** Connects to the server of `url` (its `postgres` database, since the target may not exist yet). */
export async function probePostgres(url: string): Promise<ProbeResult> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Client } = require('pg') as { Client: PgClientCtor };
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString(), connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return { ok: true };
  } catch (err) {
    const e = err as Error & { code?: string };
    const unreachable = UNREACHABLE.has(e.code ?? '') || /timeout|terminated unexpectedly/i.test(e.message);
    return { ok: false, unreachable, message: e.message || e.code || String(err) };
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Uses DATABASE_URL when given (it must answer), else PostgreSQL on 127.0.0.1:5432; when nothing answers
 * there (or `forceEmbedded`), starts the embedded PGlite over a local socket with data under `<dataDir>/pglite`.
 */
export async function ensureDatabase(
  env: NodeJS.ProcessEnv,
  dataDir: string,
  forceEmbedded: boolean,
  pgliteScript: string,
): Promise<DatabaseEndpoint> {
  const given = env.DATABASE_URL;
  const url = given || DEFAULT_URL;
  if (!forceEmbedded) {
    const probe = await probePostgres(url);
    if (probe.ok) return { url, embedded: false };
    if (given && probe.unreachable)
      throw new SetupError(
        `DATABASE_URL=${redact(url)} does not answer (${probe.message}).\n` +
          '  Start that PostgreSQL, or unset DATABASE_URL to use the local one (or the embedded PGlite when none answers).',
      );
    if (!probe.unreachable)
      throw new SetupError(
        `PostgreSQL at ${redact(url)} answered with an error: ${probe.message}.\n` +
          '  Fix DATABASE_URL (user, password, database), or set EMBEDDED_DB=1 to use the embedded PGlite.',
      );
  }
  return startPglite(resolve(dataDir, 'pglite'), pgliteScript);
}

function redact(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}

/** Starts the embedded PGlite (`pglite-server.js`) with data in `dataDir`; resolves once it accepts connections. */
export async function startPglite(dataDir: string, script: string): Promise<DatabaseEndpoint> {
  mkdirSync(dataDir, { recursive: true });
  const child: ChildProcess = spawn(process.execPath, [script], {
    env: { ...process.env, PGLITE_DATA_DIR: dataDir, PGLITE_PORT: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
    detached: true,
  });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const port = await new Promise<number>((resolvePort, reject) => {
    const timer = setTimeout(
      () => reject(new SetupError('The embedded PGlite did not start within 60 s')),
      60_000,
    );
    const splitter = new LineSplitter((line) => {
      const match = /^PGLITE_READY port=(\d+)/.exec(line);
      if (match) {
        clearTimeout(timer);
        resolvePort(Number(match[1]));
      } else process.stdout.write(`pglite ${line}\n`);
    });
    child.stdout?.on('data', (chunk: Buffer) => splitter.push(chunk));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(
        new SetupError(
          `The embedded PGlite exited (code ${code}). Install and start PostgreSQL 14+ ` +
            '(Debian/Ubuntu: sudo apt-get install postgresql) or set DATABASE_URL.',
        ),
      );
    });
  });
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    embedded: true,
    started: {
      pid: child.pid ?? 0,
      dataDir,
      stop: async () => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      },
    },
  };
}
