import { ThrottlerStorage } from '@nestjs/throttler';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

interface Window {
  startedAt: number;
  hits: number;
  blockedUntil: number;
}

const SWEEP_EVERY_MS = 60_000;

/**
 * In-memory rate-limit counter with O(1) work per request: one fixed window per client and throttler.
 *
 * Why not the default `ThrottlerStorageService`: it keeps one timestamp per hit and, on every request,
 * filters that list into a new array. `npm run bench` showed that for a busy client (30,000 hits a minute)
 * this copy dominated the gateway's CPU and garbage collection. A fixed window allows at most twice the
 * limit across a window boundary, which is the usual trade-off of counter-based limiters.
 */
export class FixedWindowThrottlerStorage implements ThrottlerStorage {
  private readonly windows = new Map<string, Window>();
  private lastSweep: number;

  constructor(private readonly now: () => number = Date.now) {
    this.lastSweep = now();
  }

  increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    const now = this.now();
    this.sweep(now, Math.max(ttl, blockDuration));
    const id = `${throttlerName}\u0000${key}`;
    let w = this.windows.get(id);
    if (!w || now >= w.startedAt + ttl) {
      w = { startedAt: now, hits: 0, blockedUntil: w?.blockedUntil ?? 0 };
      this.windows.set(id, w);
    }
    const timeToExpire = seconds(w.startedAt + ttl - now);
    if (w.blockedUntil > now) {
      return Promise.resolve({
        totalHits: w.hits,
        timeToExpire,
        isBlocked: true,
        timeToBlockExpire: seconds(w.blockedUntil - now),
      });
    }
    w.hits++;
    if (w.hits > limit) {
      w.blockedUntil = now + blockDuration;
      return Promise.resolve({
        totalHits: w.hits,
        timeToExpire,
        isBlocked: true,
        timeToBlockExpire: seconds(blockDuration),
      });
    }
    return Promise.resolve({ totalHits: w.hits, timeToExpire, isBlocked: false, timeToBlockExpire: 0 });
  }

  /** Number of clients currently tracked (for tests). */
  get size(): number {
    return this.windows.size;
  }

  /** Drops windows that ended (and blocks that ran out) at most once a minute, so memory stays bounded. */
  private sweep(now: number, horizon: number): void {
    if (now - this.lastSweep < SWEEP_EVERY_MS) return;
    this.lastSweep = now;
    for (const [id, w] of this.windows) {
      if (now >= w.startedAt + horizon && now >= w.blockedUntil) this.windows.delete(id);
    }
  }
}

function seconds(ms: number): number {
  return Math.max(0, Math.ceil(ms / 1000));
}
