import { EventLoopUtilization, performance } from 'node:perf_hooks';

export interface QuietGcOptions {
  /** How long the event loop must stay quiet before the first collection. */
  quietMs: number;
  /** From the first collection to the second: longer than the 5 s over which V8 judges the allocation rate. */
  settleMs?: number;
  /** Share of a check interval the loop may be busy and still count as quiet (0..1). */
  maxUtilization?: number;
  /** How often the loop's utilization is sampled. */
  checkEveryMs?: number;
}

/**
 * Gives back the heap a busy spell grew, once the instance turns quiet.
 *
 * Why: serving instances run with a 16 MB young generation (backend/cluster/src/serving-tuning.ts), and the old
 * generation keeps what a load promoted. V8 shrinks a grown heap only in a collection that finds little
 * allocated since the previous ones, and in a quiet server nothing triggers one (its timers keep V8 from
 * seeing it idle): an instance that once served a burst kept the grown heap for good. The gain is measured
 * in CONTRIBUTING.md ("Techniques kept under the rule").
 *
 * How: Node's `--expose-gc` flag provides `globalThis.gc`; the serving instances get it from
 * `servingNodeFlags`. Once the event loop has been quiet for `quietMs`, one full collection, and `settleMs`
 * later a second, which V8 lets shrink the young generation. Nothing more until the instance has been busy
 * and turned quiet again. Both pauses fall where no work waits.
 */
export class QuietGc {
  private quietSince: number | undefined;
  /** Collections in the current quiet spell (0, 1 or 2) and when the last one ran. */
  private collected = 0;
  private lastAt = 0;

  constructor(
    private readonly opts: QuietGcOptions,
    private readonly gc: () => void,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Starts sampling when the process has `globalThis.gc` (started with `--expose-gc`); returns how to stop,
   * or undefined when there is nothing to run.
   */
  static start(opts: QuietGcOptions): (() => void) | undefined {
    const gc = (globalThis as { gc?: () => void }).gc;
    if (!gc || opts.quietMs <= 0) return undefined;
    const quiet = new QuietGc(opts, gc);
    let last: EventLoopUtilization = performance.eventLoopUtilization();
    const timer = setInterval(() => {
      const current = performance.eventLoopUtilization();
      const busy = performance.eventLoopUtilization(current, last).utilization;
      // A collection's own pause must not count as work, or it would end the quiet spell it ran in.
      last = quiet.check(busy) ? performance.eventLoopUtilization() : current;
    }, opts.checkEveryMs ?? 500);
    timer.unref();
    return () => clearInterval(timer);
  }

  /** Feeds one utilization sample (0..1); returns whether it collected. */
  check(utilization: number): boolean {
    if (utilization > (this.opts.maxUtilization ?? 0.05)) {
      this.quietSince = undefined;
      this.collected = 0;
      return false;
    }
    const now = this.now();
    this.quietSince ??= now;
    const due =
      this.collected === 0
        ? now - this.quietSince >= this.opts.quietMs
        : this.collected === 1 && now - this.lastAt >= (this.opts.settleMs ?? 6000);
    if (!due) return false;
    this.gc();
    this.collected++;
    this.lastAt = now;
    return true;
  }
}
