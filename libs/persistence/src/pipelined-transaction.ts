import { DataSource, ObjectLiteral, QueryBuilder } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

/** A statement: a TypeORM query builder (not executed) or SQL with its parameters. */
export type Statement = QueryBuilder<ObjectLiteral> | readonly [sql: string, parameters?: readonly unknown[]];

/** What PostgreSQL answered to one statement: its rows (RETURNING included) and how many it touched. */
export interface StatementResult {
  rows: Record<string, unknown>[];
  rowCount: number;
}

/** The part of a node-postgres client this module uses. */
interface PgClient {
  query(
    text: string,
    values?: unknown[],
  ): Promise<{ rows: Record<string, unknown>[]; rowCount: number | null }>;
}

/**
 * One transaction whose statements travel in batches: each batch is sent without waiting for the answers in
 * between, BEGIN goes out with the first batch and COMMIT with the last. A transaction that needs one decision
 * in the middle (did the guarded UPDATE match?) costs two round trips to PostgreSQL instead of one per
 * statement plus BEGIN and COMMIT.
 *
 * Why: the order saga, the payment and the stock deduction each commit a state change with its outbox event
 * in one transaction; one round trip per statement made the database's and the services' per-round-trip
 * cost (a socket write and wake-up on both sides) the largest part of an order's CPU. The gain is measured
 * in CONTRIBUTING.md ("Techniques kept under the rule").
 *
 * How: node-postgres's pipeline mode (`pipeline: true` in the pool options, see database-options.ts; public
 * and documented at https://node-postgres.com/features/pipelining) sends a query while earlier ones are still
 * running; PostgreSQL runs them in the order sent. Statements come from TypeORM query builders through
 * `getQueryAndParameters()`, the SQL TypeORM itself would send. Everything else keeps using TypeORM's own
 * transactions, which await each query and are unaffected by pipeline mode.
 *
 * A statement that fails aborts the transaction: the statements after it fail too, the COMMIT sent with them
 * becomes a rollback, and the first error is thrown. `run` commits what `work` left open and rolls back when
 * it throws.
 */
export class PipelinedTransaction {
  private begun = false;
  private ended = false;

  private constructor(
    private readonly ds: DataSource,
    private readonly client: PgClient,
  ) {}

  static async run<T>(ds: DataSource, work: (tx: PipelinedTransaction) => Promise<T>): Promise<T> {
    const [client, release] = await (ds.driver as PostgresDriver).obtainMasterConnection();
    const tx = new PipelinedTransaction(ds, client as PgClient);
    let broken: unknown;
    try {
      const result = await work(tx);
      if (tx.begun && !tx.ended) await tx.commit();
      return result;
    } catch (err) {
      if (tx.begun && !tx.ended)
        await tx.client.query('ROLLBACK').catch((rollbackError: unknown) => (broken = rollbackError));
      throw err;
    } finally {
      // A connection whose rollback failed is in an unknown state: the pool discards it.
      (release as (err?: unknown) => void)(broken);
    }
  }

  /** Sends the statements (after BEGIN, the first time) and waits for all of their answers. */
  send(...statements: Statement[]): Promise<StatementResult[]> {
    return this.pipeline(statements, 'COMMIT', false);
  }

  /** Sends the statements followed by COMMIT; the transaction is over once this resolves. */
  commit(...statements: Statement[]): Promise<StatementResult[]> {
    return this.pipeline(statements, 'COMMIT', true);
  }

  /** Ends the transaction without keeping anything. */
  async rollback(): Promise<void> {
    await this.pipeline([], 'ROLLBACK', true);
  }

  private async pipeline(
    statements: Statement[],
    end: 'COMMIT' | 'ROLLBACK',
    last: boolean,
  ): Promise<StatementResult[]> {
    if (this.ended) throw new Error('The transaction has ended');
    const control: Promise<unknown>[] = [];
    if (!this.begun) {
      control.push(this.client.query('BEGIN'));
      this.begun = true;
    }
    const answers = statements.map((statement) => {
      const [sql, parameters] = sqlOf(statement);
      this.ds.logger.logQuery(sql, parameters);
      return this.client.query(sql, parameters);
    });
    if (last) {
      control.push(this.client.query(end));
      this.ended = true;
    }
    // Every answer is awaited before deciding, so no query of this transaction is still running afterwards.
    const settled = await Promise.allSettled([...answers, ...control]);
    const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failed) throw failed.reason;
    return (
      settled.slice(0, answers.length) as PromiseFulfilledResult<Awaited<(typeof answers)[number]>>[]
    ).map(({ value }) => ({ rows: value.rows, rowCount: value.rowCount ?? 0 }));
  }
}

/** The SQL and parameters of a statement. */
function sqlOf(statement: Statement): [string, unknown[] | undefined] {
  if (statement instanceof QueryBuilder) {
    const [sql, parameters] = statement.getQueryAndParameters();
    return [sql, parameters as unknown[]];
  }
  const [sql, parameters] = statement as readonly [string, (readonly unknown[])?];
  return [sql, parameters && [...parameters]];
}
