import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { DataSource } from 'typeorm';
import { LoadResult, closedLoop } from './load';

const run = promisify(execFile);

/** Whether pgbench is on the PATH. */
export async function hasPgbench(): Promise<boolean> {
  try {
    await run('pgbench', ['--version']);
    return true;
  } catch {
    return false;
  }
}

function pgArgs(databaseUrl: string): { args: string[]; env: NodeJS.ProcessEnv } {
  const url = new URL(databaseUrl);
  const args = [
    '-h',
    url.hostname,
    '-p',
    url.port || '5432',
    '-U',
    decodeURIComponent(url.username || 'postgres'),
  ];
  const env = { ...process.env, PGPASSWORD: decodeURIComponent(url.password) };
  return { args: [...args, url.pathname.slice(1)], env };
}

/** Creates pgbench's tables (scale 1) in the benchmark's own database. */
export async function pgbenchInit(databaseUrl: string): Promise<void> {
  const { args, env } = pgArgs(databaseUrl);
  await run('pgbench', ['-i', '-s', '1', '-q', ...args], { env });
}

/**
 * pgbench's built-in simple-update transaction (`-N`: update one of 100,000 accounts, select it, insert a
 * history row) from `clients` connections for `durationS` seconds; returns transactions per second
 * (without connection time). The full TPC-B-like script also updates the one branch row of scale 1 in
 * every transaction, which turns 64 clients into a single-row lock queue rather than a database rate.
 */
export async function pgbenchTps(databaseUrl: string, clients: number, durationS: number): Promise<number> {
  const { args, env } = pgArgs(databaseUrl);
  const { stdout } = await run(
    'pgbench',
    ['-N', '-c', String(clients), '-j', '2', '-T', String(Math.round(durationS)), '-n', ...args],
    { env },
  );
  const match =
    /tps = ([\d.]+) \(without initial connection time\)/.exec(stdout) ?? /tps = ([\d.]+)/.exec(stdout);
  if (!match) throw new Error(`could not read pgbench output: ${stdout.slice(-300)}`);
  return Number(match[1]);
}

/**
 * The equivalent without pgbench: small transactions (an update of one of 100 rows and an insert) from
 * `clients` pooled connections through node-postgres.
 */
export async function nodePgTransactions(
  databaseUrl: string,
  clients: number,
  durationS: number,
): Promise<LoadResult> {
  const ds = await new DataSource({
    type: 'postgres',
    url: databaseUrl,
    extra: { max: clients },
  }).initialize();
  try {
    await ds.query('CREATE TABLE IF NOT EXISTS bench_accounts (id int PRIMARY KEY, balance int NOT NULL)');
    await ds.query(
      'CREATE TABLE IF NOT EXISTS bench_history (id bigserial PRIMARY KEY, account int, delta int)',
    );
    await ds.query(
      'INSERT INTO bench_accounts SELECT g, 0 FROM generate_series(1, 100) g ON CONFLICT DO NOTHING',
    );
    return await closedLoop({
      label: `node-postgres transactions (${clients} clients)`,
      concurrency: clients,
      durationS,
      operation: async (_worker, seq) => {
        await ds.transaction(async (em) => {
          const id = (seq % 100) + 1;
          await em.query('UPDATE bench_accounts SET balance = balance + 1 WHERE id = $1', [id]);
          await em.query('INSERT INTO bench_history (account, delta) VALUES ($1, 1)', [id]);
        });
      },
    });
  } finally {
    await ds.destroy();
  }
}

/** Connections the server still accepts (max_connections minus those open now, minus reserved slots). */
export async function freeConnections(databaseUrl: string): Promise<number> {
  const ds = await new DataSource({ type: 'postgres', url: databaseUrl, extra: { max: 1 } }).initialize();
  try {
    const [row] = (await ds.query(
      `SELECT current_setting('max_connections')::int - current_setting('superuser_reserved_connections')::int
              - (SELECT count(*) FROM pg_stat_activity)::int AS free`,
    )) as { free: number }[];
    return row.free;
  } finally {
    await ds.destroy();
  }
}
