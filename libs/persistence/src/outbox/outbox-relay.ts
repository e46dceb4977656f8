import { DataSource } from 'typeorm';
import { quoteIdent } from './outbox-tables';

/** One outbox row as the relay reads it. */
export interface OutboxMessage {
  id: string;
  type: string;
  payload: unknown;
  createdAt: Date;
}

/** Publishes one message and resolves only once the broker has acknowledged it (stored durably). */
export type OutboxPublish = (message: OutboxMessage) => Promise<void>;

export interface OutboxRelayOptions {
  dataSource: DataSource;
  /** Schema whose `outbox` table this relay drains (any service's: only the standard columns are read). */
  schema: string;
  publish: OutboxPublish;
  batchSize?: number;
  /** Poll interval when nobody kicked the relay. */
  pollMs?: number;
  onError?: (err: Error, attempt: number) => void;
}

/**
 * Drains an outbox table: takes a batch of unpublished rows with FOR UPDATE SKIP LOCKED (so several
 * instances share the work without publishing a row twice at the same time), publishes each, waits for the
 * acknowledgements, then marks them published in the same transaction. A failed publish rolls the batch back
 * and is retried with backoff until the broker acknowledges; a row published twice after a crash between
 * the ack and the commit is dropped by the broker's de-duplication on the row id.
 */
export class OutboxRelay {
  private running = false;
  private wake?: () => void;
  private kicked = false;
  private loop?: Promise<void>;
  private readonly table: string;
  published = 0;

  constructor(private readonly opts: OutboxRelayOptions) {
    this.table = `${quoteIdent(opts.schema)}."outbox"`;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Asks the relay to look now (call after committing a transaction that wrote to the outbox). */
  kick(): void {
    this.kicked = true;
    this.wake?.();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  /** Publishes one batch; returns how many rows it published. */
  async drainOnce(): Promise<number> {
    const limit = this.opts.batchSize ?? 200;
    return this.opts.dataSource.transaction(async (manager) => {
      const rows: { id: string; type: string; payload: unknown; created_at: Date }[] = await manager.query(
        `SELECT "id", "type", "payload", "created_at" FROM ${this.table}
          WHERE "published_at" IS NULL ORDER BY "created_at" LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [limit],
      );
      if (rows.length === 0) return 0;
      await Promise.all(
        rows.map((r) =>
          this.opts.publish({ id: r.id, type: r.type, payload: r.payload, createdAt: r.created_at }),
        ),
      );
      await manager.query(`UPDATE ${this.table} SET "published_at" = now() WHERE "id" = ANY($1::uuid[])`, [
        rows.map((r) => r.id),
      ]);
      return rows.length;
    });
  }

  private async run(): Promise<void> {
    const pollMs = this.opts.pollMs ?? 500;
    let failures = 0;
    while (this.running) {
      this.kicked = false;
      let count = 0;
      try {
        count = await this.drainOnce();
        this.published += count;
        failures = 0;
      } catch (err) {
        failures++;
        this.opts.onError?.(err as Error, failures);
        await this.sleep(Math.min(5000, 100 * 2 ** Math.min(failures, 6)));
        continue;
      }
      if (count > 0 || this.kicked) continue;
      await this.sleep(pollMs);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      this.wake = done;
      function done() {
        clearTimeout(timer);
        resolve();
      }
    });
  }
}
