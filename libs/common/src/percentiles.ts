/** Nearest-rank percentile of an unsorted sample (0 for an empty sample). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

/** Keeps the most recent `capacity` samples younger than `maxAgeMs`. */
export class SlidingWindow {
  private readonly values: number[] = [];
  private readonly times: number[] = [];
  constructor(
    private readonly capacity = 1000,
    private readonly maxAgeMs = 60_000,
  ) {}

  add(value: number, now = Date.now()): void {
    this.values.push(value);
    this.times.push(now);
    if (this.values.length > this.capacity) {
      this.values.shift();
      this.times.shift();
    }
  }

  snapshot(now = Date.now()): number[] {
    while (this.times.length > 0 && now - this.times[0] > this.maxAgeMs) {
      this.times.shift();
      this.values.shift();
    }
    return [...this.values];
  }
}
