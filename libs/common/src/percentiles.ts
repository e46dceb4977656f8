/** Nearest-rank percentile of an unsorted sample (0 for an empty sample). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

/**
 * Keeps the most recent `capacity` samples younger than `maxAgeMs`, in a ring: adding a sample (once per
 * request served) overwrites the oldest in place instead of shifting an array of `capacity` numbers.
 */
export class SlidingWindow {
  private readonly values: Float64Array;
  private readonly times: Float64Array;
  /** Index the next sample goes to. */
  private next = 0;
  private count = 0;

  constructor(
    private readonly capacity = 1000,
    private readonly maxAgeMs = 60_000,
  ) {
    this.values = new Float64Array(capacity);
    this.times = new Float64Array(capacity);
  }

  add(value: number, now = Date.now()): void {
    this.values[this.next] = value;
    this.times[this.next] = now;
    this.next = (this.next + 1) % this.capacity;
    if (this.count < this.capacity) this.count++;
  }

  /** The samples younger than `maxAgeMs`, oldest first. */
  snapshot(now = Date.now()): number[] {
    const out: number[] = [];
    for (let i = this.count; i > 0; i--) {
      const at = (this.next - i + this.capacity) % this.capacity;
      if (now - this.times[at] <= this.maxAgeMs) out.push(this.values[at]);
    }
    return out;
  }
}
