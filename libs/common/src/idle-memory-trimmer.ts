import { performance, EventLoopUtilization } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Runs one full garbage collection. */
export type GarbageCollect = () => void;

/** V8's `gc` as `--expose-gc` exposes it; without options, a regular full collection. */
type V8Gc = (options?: {
  type?: 'major' | 'minor';
  execution?: 'sync' | 'async';
  flavor?: 'regular' | 'last-resort';
}) => void;

export interface IdleMemoryTrimmerOptions {
  /** How long the event loop must stay quiet before the first collection. */
  quietMs: number;
  /** Time from the first to the second collection: more than the 5 s V8 judges the allocation rate over. */
  settleMs?: number;
  /** Share of a check interval the loop may be busy and still count as quiet (0..1). */
  maxUtilization?: number;
  /** How often the loop's utilization is sampled. */
  checkEveryMs?: number;
  /** Called after each collection with the resident memory before and after (bytes). */
  onTrim?: (rssBefore: number, rssAfter: number) => void;
}

/**
 * Returns the memory a busy spell left behind once the process goes quiet.
 *
 * Under load V8 grows the young generation up to `--max-semi-space-size` (a larger one makes garbage
 * collection far cheaper for a server with many requests in flight) and the old generation with what those
 * requests promoted. It shrinks the young generation only in a collection that finds little allocated
 * since the collections of the last 5 s (a collection 5.0 s after the previous one still counts what came
 * before it), and in an idle process nothing triggers one: an instance that once served a burst kept its
 * grown heap for good. So, once the event loop has been quiet for `quietMs`, this runs a full collection
 * (freeing what the busy spell left, and marking where the quiet began for V8's allocation rate), and
 * `settleMs` later a second one, which V8 then lets shrink the young generation (the pages leave the
 * resident set within a second). Nothing more until the process has been busy and turned quiet again.
 * Both pauses fall where no work waits.
 */
export class IdleMemoryTrimmer {
  private timer?: NodeJS.Timeout;
  private lastSample: EventLoopUtilization = performance.eventLoopUtilization();
  private quietSince: number | undefined;
  /** Collections run in the current quiet spell (0, 1 or 2) and when the last one ran. */
  private collectedThisSpell = 0;
  private lastCollectedAt = 0;
  private collections = 0;

  constructor(
    private readonly opts: IdleMemoryTrimmerOptions,
    private readonly gc: GarbageCollect = exposedGc(),
    private readonly now: () => number = Date.now,
  ) {}

  start(): this {
    this.timer ??= setInterval(() => this.check(this.sampleUtilization()), this.opts.checkEveryMs ?? 500);
    this.timer.unref();
    return this;
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** How many collections ran. */
  get trims(): number {
    return this.collections;
  }

  /** Feeds one utilization sample (0..1); returns whether it collected. */
  check(utilization: number): boolean {
    if (utilization > (this.opts.maxUtilization ?? 0.05)) {
      this.quietSince = undefined;
      this.collectedThisSpell = 0;
      return false;
    }
    const now = this.now();
    this.quietSince ??= now;
    const due =
      this.collectedThisSpell === 0
        ? now - this.quietSince >= this.opts.quietMs
        : this.collectedThisSpell === 1 && now - this.lastCollectedAt >= (this.opts.settleMs ?? 6000);
    if (!due) return false;
    const before = process.memoryUsage.rss();
    this.gc();
    // The collection's own pause must not count as work, or it would end the quiet spell it ran in.
    this.lastSample = performance.eventLoopUtilization();
    this.collectedThisSpell++;
    this.lastCollectedAt = now;
    this.collections++;
    this.opts.onTrim?.(before, process.memoryUsage.rss());
    return true;
  }

  private sampleUtilization(): number {
    const current = performance.eventLoopUtilization();
    const delta = performance.eventLoopUtilization(current, this.lastSample);
    this.lastSample = current;
    return delta.utilization;
  }
}

/**
 * V8's `gc` without starting Node with `--expose-gc` (and without a global `gc`): the flag set at run time
 * applies to contexts created afterwards, so a fresh context carries the function. Each trim is a
 * regular full collection (the one after which V8 lets a grown young generation shrink) followed by the
 * `last-resort` flavour, the memory-reducing collection V8 runs before it gives up on an allocation, which
 * compacts and returns the freed pages at once. With regular collections only, the pages stayed resident
 * until V8's memory reducer ran 8–17 s later (the later with `--single-threaded-gc`): an auth instance read
 * 123 MB 12 s after it was ready, 95 MB once they went. With `last-resort` only, a gateway kept 132 MB
 * after a load; with both, 110 MB.
 */
function exposedGc(): GarbageCollect {
  let gc = (globalThis as { gc?: V8Gc }).gc;
  if (!gc) {
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc') as V8Gc;
  }
  const collect = gc;
  return () => {
    collect();
    collect({ type: 'major', execution: 'sync', flavor: 'last-resort' });
  };
}
