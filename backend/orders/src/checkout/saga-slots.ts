/**
 * Bounds how many checkout sagas one orders instance runs at once (a bulkhead). Without it, hundreds of
 * simultaneous checkouts of one product all queue on its stock row lock in inventory and hit the 5 s lock
 * timeout; with it they wait here, in order, and each deduction finds the row nearly free.
 */
export class SagaSlots {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly capacity: number) {}

  /** Resolves with a release function once a slot is free. */
  async acquire(): Promise<() => void> {
    if (this.active < this.capacity) {
      this.active++;
    } else {
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    };
  }

  get inUse(): number {
    return this.active;
  }

  get queued(): number {
    return this.waiting.length;
  }
}
