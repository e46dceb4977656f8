import { SlidingWindow, percentile } from '@shop/common';

/** Counters an instance reports in its heartbeat: the requests it serves, and two about those it sends. */
export class InstanceStats {
  inFlight = 0;
  served = 0;
  failed = 0;
  /** Reads its RPC client sent a second copy of because the first was slow. */
  hedged = 0;
  /** Requests its RPC client sent again at once because the instance they waited on was lost. */
  resent = 0;
  private readonly latency = new SlidingWindow(1000, 60_000);

  begin(): number {
    this.inFlight++;
    return performance.now();
  }

  end(startedAt: number, ok: boolean): void {
    this.inFlight--;
    this.served++;
    if (!ok) this.failed++;
    this.latency.add(performance.now() - startedAt);
  }

  latencyPercentiles(): { p50: number; p99: number } {
    const sample = this.latency.snapshot();
    return { p50: round(percentile(sample, 50)), p99: round(percentile(sample, 99)) };
  }
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}
