/** Thrown instead of trying the SMTP server while the breaker is open: nothing was sent. */
export class SmtpUnavailableError extends Error {
  constructor(retryInMs: number) {
    super(
      `SMTP server unavailable after repeated failures; next attempt in ${Math.ceil(retryInMs / 1000)} s`,
    );
    this.name = 'SmtpUnavailableError';
  }
}

/**
 * Stops hammering an SMTP server that is down: after `threshold` consecutive failed sends it opens for
 * `cooldownMs` (doubling on every failed probe, up to `maxCooldownMs`) and sends fail fast meanwhile; the first
 * send after the cool-down is the probe, and a success closes it. The failed messages are redelivered later by
 * the durable consumer, so nothing is lost.
 *
 * Not cockatiel (the RPC and payment breakers): the notification service asks `assertClosed()` before it records
 * an event in its inbox, which needs "open until when", and a cockatiel breaker only half-opens inside a call.
 */
export class SmtpBreaker {
  private failures = 0;
  private openUntil = 0;
  private cooldown = 0;

  constructor(
    private readonly onChange: (state: 'open' | 'closed', detail: string) => void = () => undefined,
    private readonly threshold = 3,
    private readonly cooldownMs = 2000,
    private readonly maxCooldownMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  get isOpen(): boolean {
    return this.now() < this.openUntil;
  }

  /** Throws SmtpUnavailableError while open. */
  assertClosed(): void {
    const wait = this.openUntil - this.now();
    if (wait > 0) throw new SmtpUnavailableError(wait);
  }

  async run<T>(send: () => Promise<T>): Promise<T> {
    this.assertClosed();
    try {
      const result = await send();
      if (this.cooldown > 0) this.onChange('closed', 'SMTP server answers again');
      this.failures = 0;
      this.cooldown = 0;
      return result;
    } catch (err) {
      this.failures++;
      if (this.failures >= this.threshold) {
        this.cooldown = this.cooldown ? Math.min(this.maxCooldownMs, this.cooldown * 2) : this.cooldownMs;
        this.openUntil = this.now() + this.cooldown;
        this.onChange(
          'open',
          `SMTP send failed ${this.failures} times in a row (${(err as Error).message}); pausing ${this.cooldown} ms`,
        );
      }
      throw err;
    }
  }
}
