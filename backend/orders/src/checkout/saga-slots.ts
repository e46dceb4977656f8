/**
 * Bounds how many checkout sagas one orders instance runs at once (a bulkhead). Without it, hundreds of
 * simultaneous checkouts of one product all queue on its stock row lock in inventory and hit the 5 s lock
 * timeout; with it they wait here, in order, and each deduction finds the row nearly free. A wait is bounded
 * (the caller's deadline): a request that cannot start in time gives its place up.
 */
export class SagaSlots {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly capacity: number) {}

  /**
   * Resolves with a release function once a slot is free, or with undefined when none was free within
   * `timeoutMs` (then the caller holds nothing).
   */
  async acquire(timeoutMs = Infinity): Promise<(() => void) | undefined> {
    if (this.active < this.capacity) {
      this.active++;
    } else {
      const granted = await new Promise<boolean>((resolve) => {
        const grant = () => {
          clearTimeout(timer);
          resolve(true);
        };
        const timer =
          timeoutMs === Infinity
            ? undefined
            : setTimeout(() => {
                const at = this.waiting.indexOf(grant);
                if (at >= 0) this.waiting.splice(at, 1);
                resolve(false);
              }, timeoutMs);
        this.waiting.push(grant);
      });
      if (!granted) return undefined;
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
