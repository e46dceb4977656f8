import { resolve } from 'node:path';
import { EmbeddedPostgres, startEmbeddedPostgres } from './embedded-postgres';
import { SetupError } from './probe';

export interface DatabaseEndpoint {
  /** DATABASE_URL for every instance. */
  url: string;
  /** The server `npm start` runs itself, when no PostgreSQL answered (or EMBEDDED_DB). */
  embedded?: EmbeddedPostgres;
}

export interface EmbeddedDatabaseHooks {
  /** The embedded server's log lines. */
  onLog?: (line: string) => void;
  /** The embedded server exited while the cluster runs. */
  onUnexpectedExit?: (description: string) => void;
}

const DEFAULT_URL = 'postgres://postgres@127.0.0.1:5432/shop';
/** The database the services create and use on the embedded server. */
const EMBEDDED_DATABASE = 'shop';

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
 * Uses `given` (DATABASE_URL) when set (it must answer: a wrong URL stops `npm start`, never falls back), else
 * PostgreSQL on 127.0.0.1:5432; when nothing answers there (or with `embedded`), starts the embedded
 * PostgreSQL with its data under `<dataDir>/postgres`, on a free port, for the services' `shop` database.
 */
export async function ensureDatabase(
  given: string | undefined,
  dataDir: string,
  embedded: boolean,
  hooks: EmbeddedDatabaseHooks = {},
): Promise<DatabaseEndpoint> {
  if (!embedded) {
    const url = given || DEFAULT_URL;
    if (!URL.canParse(url))
      throw new SetupError(
        `DATABASE_URL=${redact(url)} is not a URL (postgres://user:password@host:port/database).`,
      );
    if (!needsEmbedded(given, await probePostgres(url))) return { url };
  }
  const server = await startEmbeddedPostgres({ dataDir: resolve(dataDir, 'postgres'), ...hooks });
  const url = new URL(server.url);
  url.pathname = `/${EMBEDDED_DATABASE}`;
  return { url: url.toString(), embedded: server };
}

/**
 * Whether the probe's answer leaves the embedded server as the way on: only when nothing answers on the
 * default address. An explicit DATABASE_URL that does not answer, or a server that answers with an
 * error, stops `npm start` with a message naming it.
 */
export function needsEmbedded(given: string | undefined, probe: ProbeResult): boolean {
  if (probe.ok) return false;
  const url = redact(given || DEFAULT_URL);
  if (given && probe.unreachable)
    throw new SetupError(
      `DATABASE_URL=${url} does not answer (${probe.message}).\n` +
        '  Start that PostgreSQL, or unset DATABASE_URL to use the local one (or the embedded one when none answers).',
    );
  if (!probe.unreachable)
    throw new SetupError(
      `PostgreSQL at ${url} answered with an error: ${probe.message}.\n` +
        '  Fix DATABASE_URL (user, password, database), or set EMBEDDED_DB=1 to use the embedded PostgreSQL.',
    );
  return true;
}

export function redact(url: string): string {
  if (!URL.canParse(url)) return url.replace(/:[^:@/]*@/, ':***@');
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}
