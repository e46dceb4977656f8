import { SlidingWindow, percentile } from '@shop/common';
import { RpcMethod } from '@shop/contracts';

export interface HedgeSettings {
  /** Share of reads that may get a second copy (the budget); 0 turns hedging off. */
  share: number;
  /** Shortest wait before a second copy is sent. */
  minDelayMs: number;
  /** Longest wait before a second copy is sent. */
  maxDelayMs: number;
}

/**
 * The percentile of a method's recent answer times after which a read gets a second copy. Above the share
 * the budget grants (5 %): otherwise ordinary slow answers would spend the budget before an incident could.
 */
const PERCENTILE = 99;
/** Answers of a method needed before its delay is known (until then its reads are not hedged). */
const MIN_SAMPLES = 20;
/** The delay is computed again after this many more answers. */
const RECOMPUTE_EVERY = 50;
/**
 * Hedges that can be saved up for a burst: an instance that stalls for a second or two catches that many reads
 * under load. In calm times about 1 % of reads outlast the 99th percentile, so the budget fills up again.
 */
const BURST = 100;

interface MethodLatency {
  readonly window: SlidingWindow;
  answersSinceComputed: number;
  delayMs?: number;
}

/**
 * When a read gets a second copy on another instance, the first answer winning (a hedged request): after
 * the 99th percentile of its method's recent answer times, kept between `minDelayMs` and `maxDelayMs`, and
 * only while the budget lasts. Every read earns `share` of a hedge (at most BURST are saved) and every hedge
 * spends one, so hedges stay a small share of the reads even when every answer is slow.
 */
export class HedgePolicy {
  private readonly methods = new Map<RpcMethod<unknown, unknown>, MethodLatency>();
  private budget = BURST;

  constructor(private readonly settings: HedgeSettings) {}

  /**
   * Called once per read: earns its share of the budget and returns the delay after which it may get a
   * second copy, or undefined when hedging is off or the method's answer times are not known yet.
   */
  delayFor(method: RpcMethod<unknown, unknown>): number | undefined {
    if (this.settings.share <= 0) return undefined;
    this.budget = Math.min(BURST, this.budget + this.settings.share);
    return this.methods.get(method)?.delayMs;
  }

  /** Spends one hedge from the budget; false when it is spent. */
  take(): boolean {
    if (this.budget < 1) return false;
    this.budget -= 1;
    return true;
  }

  /** Records how long an instance took to answer a read of `method`. */
  observe(method: RpcMethod<unknown, unknown>, ms: number, now = Date.now()): void {
    if (this.settings.share <= 0) return;
    let m = this.methods.get(method);
    if (!m)
      this.methods.set(method, (m = { window: new SlidingWindow(500, 30_000), answersSinceComputed: 0 }));
    m.window.add(ms, now);
    const due = m.delayMs === undefined ? MIN_SAMPLES : RECOMPUTE_EVERY;
    if (++m.answersSinceComputed < due) return;
    m.answersSinceComputed = 0;
    const { minDelayMs, maxDelayMs } = this.settings;
    m.delayMs = Math.min(maxDelayMs, Math.max(minDelayMs, percentile(m.window.snapshot(now), PERCENTILE)));
  }
}
