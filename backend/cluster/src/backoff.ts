/**
 * Restart delays for a crashing instance: `baseMs`, doubling up to `maxMs`. An instance that stayed up
 * for `resetAfterMs` is considered healthy again and its next crash starts from `baseMs`.
 */
export class RestartBackoff {
  private failures = 0;

  constructor(
    private readonly baseMs = 500,
    private readonly maxMs = 30_000,
    private readonly resetAfterMs = 10_000,
  ) {}

  /** Delay before the next start, given how long the instance ran before it exited. */
  next(uptimeMs: number): number {
    if (uptimeMs >= this.resetAfterMs) this.failures = 0;
    const delay = Math.min(this.maxMs, this.baseMs * 2 ** this.failures);
    this.failures++;
    return delay;
  }

  get consecutiveFailures(): number {
    return this.failures;
  }
}
