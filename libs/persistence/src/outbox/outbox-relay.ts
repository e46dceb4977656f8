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
  /**
   * After a kick, how long the relay lets further rows gather before it drains (one transaction and one
   * broker round of acknowledgements for every row written meanwhile, instead of one per commit). Default
   * 50 ms: at most 20 batches a second per instance, whatever the commit rate.
   */
  gatherMs?: number;
  /**
   * Between full scans, a batch only looks at rows created after the newest row of the previous batch minus
   * this margin (default 500 ms); a row whose transaction committed later than that is found by the next full
   * scan. Published rows stay in the partial index until vacuum, so a scan from the oldest entry would read
   * every row published since (thousands under load) for every batch.
   */
  lookbackMs?: number;
  /** How often a batch scans from the oldest unpublished row (default 5 s). */
  fullScanMs?: number;
  onError?: (err: Error, attempt: number) => void;
}

/**
 * Drains an outbox table: takes a batch of unpublished rows with FOR UPDATE SKIP LOCKED (so several
 * instances share the work without publishing a row twice at the same time), publishes each, waits for the
 * acknowledgements, then marks them published in the same transaction. A failed publish rolls the batch back
 * and is retried with backoff until the broker acknowledges; a row published twice after a crash between
 * the ack and the commit is dropped by the broker's de-duplication on the row id.
 *
 * A kick is answered after `gatherMs`, so rows committed close together share a batch. Between full scans
 * (every `fullScanMs`) a batch only reads recent rows (see `lookbackMs`).
 */
export class OutboxRelay {
  private running = false;
  private wake?: () => void;
  private kicked = false;
  private loop?: Promise<void>;
  private readonly table: string;
  private readonly batchSize: number;
  /** Rows created before this were all published or taken by another relay, as of the last batch. */
  private since?: Date;
  private lastFullScan = 0;
  published = 0;

  constructor(private readonly opts: OutboxRelayOptions) {
    this.table = `${quoteIdent(opts.schema)}."outbox"`;
    this.batchSize = Math.max(1, Math.floor(opts.batchSize ?? 200));
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
    const full = !this.since || Date.now() - this.lastFullScan >= (this.opts.fullScanMs ?? 5000);
    if (full) this.lastFullScan = Date.now();
    const since = full ? null : this.since!;
    type Row = { id: string; type: string; payload: unknown; created_at: Date };
    return this.opts.dataSource.transaction(async (em) => {
      // Asynchronous commit is enough here: a lost `published_at` (a crash within a moment of the commit)
      // only means the rows are published again, which the broker drops by message id.
      await em.query('SET LOCAL synchronous_commit = off');
      // SQL because FOR UPDATE SKIP LOCKED is how relays on several instances share the table (and the relay
      // drains any service's outbox by its schema, mapped or not); the UPDATE marks the rows it claimed.
      const rows = (await em.query(
        `SELECT "id", "type", "payload", "created_at" FROM ${this.table}
          WHERE "published_at" IS NULL AND ($1::timestamptz IS NULL OR "created_at" > $1::timestamptz)
          ORDER BY "created_at" LIMIT $2 FOR UPDATE SKIP LOCKED`,
        [since, this.batchSize],
      )) as Row[];
      if (rows.length === 0) return 0;
      await Promise.all(
        rows.map((r) =>
          this.opts.publish({ id: r.id, type: r.type, payload: r.payload, createdAt: r.created_at }),
        ),
      );
      await em.query(`UPDATE ${this.table} SET "published_at" = now() WHERE "id" = ANY($1::uuid[])`, [
        rows.map((r) => r.id),
      ]);
      const newest = new Date(rows[rows.length - 1].created_at).getTime() - (this.opts.lookbackMs ?? 500);
      if (!this.since || newest > this.since.getTime()) this.since = new Date(newest);
      return rows.length;
    });
  }

  private async run(): Promise<void> {
    const pollMs = this.opts.pollMs ?? 500;
    const gatherMs = this.opts.gatherMs ?? 50;
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
      if (count >= this.batchSize) continue;
      if (!this.kicked) await this.sleep(pollMs);
      // Kicked (now or while draining): let the rows of concurrent commits gather into one batch.
      if (this.kicked && this.running && gatherMs > 0) await this.sleep(gatherMs, false);
    }
  }

  /** Waits `ms`; a kick ends the wait early unless `kickable` is false (stop always ends it at once). */
  private sleep(ms: number, kickable = true): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      this.wake = () => {
        if (kickable || !this.running) done();
      };
      function done() {
        clearTimeout(timer);
        resolve();
      }
    });
  }
}
