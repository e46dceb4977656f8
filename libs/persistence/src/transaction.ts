import { DataSource, EntityManager, QueryRunner } from 'typeorm';

/** The node-postgres client under a TypeORM query runner (only what this library uses of it). */
export interface PgClient {
  query(sql: string, values?: unknown[]): Promise<PgResult | PgResult[]>;
}

export interface PgResult {
  rows: Record<string, unknown>[];
  rowCount: number | null;
}

/**
 * Runs `work` in a transaction on one pooled connection: like `DataSource.transaction`, with fewer round trips
 * and less overhead on hot paths. `BEGIN` and `setup` (trusted SQL without parameters, e.g.
 * `SET LOCAL lock_timeout = '5s'`, possibly ending in a statement whose rows `work` receives) go to the
 * server as one message; COMMIT when `work` resolves, ROLLBACK when anything throws (the error is rethrown
 * unchanged). `work` must only run statements through `manager.query`: TypeORM does not know this transaction
 * exists, so entity persistence through this manager would open a nested one.
 */
export async function runInTransaction<T>(
  dataSource: DataSource,
  work: (manager: EntityManager, setupRows: Record<string, unknown>[], tx: TransactionControl) => Promise<T>,
  setup?: string,
): Promise<T> {
  const runner = dataSource.createQueryRunner('master');
  try {
    let result: T;
    let committed = false;
    try {
      const client = (await runner.connect()) as PgClient;
      const begun = await client.query(setup ? `BEGIN; ${setup}` : 'BEGIN');
      const tx: TransactionControl = {
        async commitWith<Row>(sql: string, params: readonly unknown[]): Promise<Row[]> {
          const literal = inlineSql(sql, params);
          if (!literal) return (await runner.manager.query(sql, [...params])) as Row[];
          const results = await client.query(`${literal}; COMMIT`);
          committed = true;
          return rowsBeforeCommit<Row>(results);
        },
      };
      result = await work(runner.manager, lastRows(begun), tx);
    } catch (err) {
      if (!committed) await rollbackQuietly(runner);
      throw err;
    }
    if (!committed) await runner.query('COMMIT');
    return result;
  } finally {
    await runner.release();
  }
}

/** What `runInTransaction` lets its work do besides running statements. */
export interface TransactionControl {
  /**
   * Runs `sql` as the transaction's last statement and resolves with its rows (of its last statement). When
   * `params` can be written in as literals (see `inlineSql`), the statement and COMMIT go as one message, one
   * round trip; otherwise it runs with its parameters and COMMIT follows when the work resolves. Either way
   * nothing more may run in the transaction afterwards.
   */
  commitWith<Row = Record<string, unknown>>(sql: string, params: readonly unknown[]): Promise<Row[]>;
}

/** The rows of the statement just before the closing COMMIT of a multi-statement message. */
function rowsBeforeCommit<Row>(results: PgResult | PgResult[]): Row[] {
  const all = Array.isArray(results) ? results : [results];
  return (all[all.length - 2]?.rows ?? []) as Row[];
}

function lastRows(result: PgResult | PgResult[]): Record<string, unknown>[] {
  const last = Array.isArray(result) ? result[result.length - 1] : result;
  return last?.rows ?? [];
}

/**
 * `sql` with its `$n` parameters written in as literals, or undefined when a value cannot be written safely
 * (then run it with parameters). Accepted: null/undefined, finite numbers, booleans, strings without
 * backslashes or NUL characters (quotes are doubled), and arrays of plain tokens (UUIDs, numbers).
 */
export function inlineSql(sql: string, params: readonly unknown[]): string | undefined {
  let safe = true;
  const text = sql.replace(/\$(\d+)/g, (ref: string, n: string) => {
    const literal = literalOf(params[Number(n) - 1]);
    if (literal === undefined) safe = false;
    return literal ?? ref;
  });
  return safe ? text : undefined;
}

function literalOf(value: unknown): string | undefined {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'number') return Number.isFinite(value) ? `(${value})` : undefined;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'string') return /[\\\0]/.test(value) ? undefined : sqlLiteral(value);
  if (Array.isArray(value)) {
    const items = value.map((v) =>
      typeof v === 'number' && Number.isFinite(v)
        ? String(v)
        : // An unquoted NULL in an array literal is a null element, not the text.
          typeof v === 'string' && /^[A-Za-z0-9_.:-]+$/.test(v) && v.toUpperCase() !== 'NULL'
          ? v
          : undefined,
    );
    return items.every((i) => i !== undefined) ? `'{${items.join(',')}}'` : undefined;
  }
  return undefined;
}

/** `value` as a PostgreSQL string literal, for the trusted SQL of `runInTransaction`'s setup. */
export function sqlLiteral(value: string): string {
  if (value.includes('\\') || value.includes('\0'))
    throw new Error('sqlLiteral: backslashes and NUL characters are not accepted');
  return `'${value.replace(/'/g, "''")}'`;
}

async function rollbackQuietly(runner: QueryRunner): Promise<void> {
  try {
    await runner.query('ROLLBACK');
  } catch {
    // The connection is broken: the server rolls the transaction back when it goes away.
  }
}

/**
 * Runs one statement on a pooled connection as a named prepared statement: each connection parses it once,
 * later runs skip parsing (and, once PostgreSQL settles on a generic plan, planning). For hot statements of
 * fixed text only (the name identifies the text). Resolves with the rows (also for UPDATE … RETURNING).
 */
export async function preparedQuery<T = Record<string, unknown>>(
  dataSource: DataSource,
  name: string,
  text: string,
  values: unknown[],
): Promise<T[]> {
  const pool = (
    dataSource.driver as unknown as { master: PgClient & { query(q: object): Promise<PgResult> } }
  ).master;
  const result = await pool.query({ name, text, values });
  return result.rows as T[];
}
