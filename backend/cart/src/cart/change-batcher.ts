/** What a batch run answers for one of its items: its value, or the error that item alone failed with. */
export type BatchOutcome<R> = { ok: true; value: R } | { ok: false; error: unknown };

export interface ChangeBatcherOptions<T, R> {
  /** The most batches in flight at once (at least 1). */
  concurrency: number;
  /** The most items in one batch (at least 1). */
  maxBatch: number;
  /**
   * Items of one key never share a batch nor run while another of theirs is in flight, so they run in the
   * order they were submitted.
   */
  keyOf: (item: T) => string;
  /** Runs one batch: one outcome per item, in order. A rejection fails every item of the batch with it. */
  run: (items: T[]) => Promise<BatchOutcome<R>[]>;
}

interface Pending<T, R> {
  item: T;
  key: string;
  resolve: (value: R) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit of cart line changes. Why: under a rush on popular products every add is a cart transaction
 * plus an inventory call that locks the same stock rows; changes that arrive while earlier ones are in flight
 * share one transaction and one call instead of queueing on those locks one by one. Switch it off (for an A/B
 * measurement) with CART_BATCH_MAX=1: every batch then holds one change.
 *
 * Submitted items queue, and a batch of up to `maxBatch` of them starts whenever fewer than
 * `concurrency` batches are in flight. There is no waiting for a batch to fill: a lone item starts at the
 * end of the event-loop turn it arrived in (with every item of that turn: the requests of one socket read
 * come in one turn), and under load the items that arrive while batches are in flight form the next one.
 */
export class ChangeBatcher<T, R> {
  private queue: Pending<T, R>[] = [];
  /** Keys of the items in flight (a later item of one of them waits for a later batch). */
  private readonly busy = new Set<string>();
  private inFlight = 0;
  private pumpScheduled = false;

  constructor(private readonly options: ChangeBatcherOptions<T, R>) {
    if (!(options.concurrency >= 1) || !(options.maxBatch >= 1))
      throw new Error('ChangeBatcher: concurrency and maxBatch must be at least 1');
  }

  /** Resolves with the item's own value or rejects with its own error (or its batch's). */
  submit(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ item, key: this.options.keyOf(item), resolve, reject });
      if (!this.pumpScheduled) {
        this.pumpScheduled = true;
        setImmediate(() => {
          this.pumpScheduled = false;
          this.pump();
        });
      }
    });
  }

  /** Batches in flight and items waiting (for tests and diagnostics). */
  get load(): { inFlight: number; queued: number } {
    return { inFlight: this.inFlight, queued: this.queue.length };
  }

  private pump(): void {
    while (this.inFlight < this.options.concurrency) {
      const batch = this.take();
      if (batch.length === 0) return;
      this.inFlight++;
      void this.execute(batch);
    }
  }

  /** The oldest queued items whose keys are free, one per key, up to maxBatch; the rest keep their order. */
  private take(): Pending<T, R>[] {
    const batch: Pending<T, R>[] = [];
    const rest: Pending<T, R>[] = [];
    for (const pending of this.queue) {
      if (batch.length < this.options.maxBatch && !this.busy.has(pending.key)) {
        this.busy.add(pending.key);
        batch.push(pending);
      } else rest.push(pending);
    }
    this.queue = rest;
    return batch;
  }

  private async execute(batch: Pending<T, R>[]): Promise<void> {
    try {
      const outcomes = await this.options.run(batch.map((p) => p.item));
      batch.forEach((pending, i) => {
        const outcome = outcomes[i];
        if (!outcome) pending.reject(new Error('ChangeBatcher: the batch answered no outcome for this item'));
        else if (outcome.ok) pending.resolve(outcome.value);
        else pending.reject(outcome.error);
      });
    } catch (err) {
      for (const pending of batch) pending.reject(err);
    } finally {
      for (const pending of batch) this.busy.delete(pending.key);
      this.inFlight--;
      this.pump();
    }
  }
}
