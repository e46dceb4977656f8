import { BulkheadPolicy, bulkhead } from 'cockatiel';

/** What `SagaBulkhead.run` answers: the work's result, or that no slot freed in time (the work never ran). */
export type SlotOutcome<T> = { ran: true; value: T } | { ran: false };

/**
 * Bounds how many checkout sagas one orders instance runs at once (a cockatiel bulkhead). Without it, hundreds
 * of simultaneous checkouts of one product all queue on its stock row lock in inventory and hit the lock
 * timeout; with it they wait here, in arrival order, and each deduction finds the row nearly free. A wait is
 * bounded by the caller's deadline: a request that cannot start in time gives its place up.
 */
export class SagaBulkhead {
  private readonly policy: BulkheadPolicy;

  constructor(capacity: number) {
    this.policy = bulkhead(capacity, Infinity);
  }

  /** Runs `work` once a slot is free, or answers `{ ran: false }` when none freed within `waitMs`. */
  run<T>(waitMs: number, work: () => Promise<T>): Promise<SlotOutcome<T>> {
    const giveUp = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const gaveUp = new Promise<SlotOutcome<T>>((resolve) => {
      timer = setTimeout(() => {
        giveUp.abort();
        resolve({ ran: false });
      }, waitMs);
    });
    const ran = this.policy.execute(async (): Promise<SlotOutcome<T>> => {
      clearTimeout(timer);
      return { ran: true, value: await work() };
    }, giveUp.signal);
    // A wait given up ends in cockatiel's TaskCancelledError once its turn comes: nothing ran, nothing to report.
    ran.catch(() => undefined);
    return Promise.race([ran, gaveUp]);
  }
}
