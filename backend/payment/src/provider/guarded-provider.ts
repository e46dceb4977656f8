import {
  BrokenCircuitError,
  CircuitBreakerPolicy,
  CircuitState,
  ConsecutiveBreaker,
  IPolicy,
  TaskCancelledError,
  TimeoutStrategy,
  circuitBreaker,
  handleAll,
  timeout,
  wrap,
} from 'cockatiel';
import { BreakerState } from '@shop/contracts';
import { PaymentProvider, ProviderCharge, ProviderOutcome } from './payment-provider';

export type GuardedOutcome =
  ProviderOutcome | { approved: false; unavailable: true; reason: string; retryAfterSeconds?: number };

export interface ProviderGuardSettings {
  /** Consecutive failures (errors or timeouts; declines are answers, not failures) that open the breaker. */
  threshold: number;
  /** How long the open breaker fails fast before it lets one probe through. */
  cooldownMs: number;
  /** How long one authorization may take before it counts as a failure. */
  timeoutMs: number;
}

/**
 * The provider behind two cockatiel policies: a timeout on each authorization, inside a circuit breaker
 * that opens after `threshold` consecutive failures, fails fast while open and half-opens after `cooldownMs`.
 * Never throws: a failure comes back as `unavailable` (nothing was charged).
 */
export class GuardedProvider {
  private readonly breaker: CircuitBreakerPolicy;
  private readonly policy: IPolicy;
  private failures = 0;
  private openedAt?: number;
  calls = 0;

  constructor(
    readonly provider: PaymentProvider,
    private readonly settings: ProviderGuardSettings,
    onStateChange?: (state: BreakerState) => void,
  ) {
    this.breaker = circuitBreaker(handleAll, {
      halfOpenAfter: settings.cooldownMs,
      breaker: new ConsecutiveBreaker(settings.threshold),
    });
    this.policy = wrap(this.breaker, timeout(settings.timeoutMs, TimeoutStrategy.Aggressive));
    this.breaker.onBreak(() => {
      this.openedAt = Date.now();
      onStateChange?.('open');
    });
    this.breaker.onHalfOpen(() => onStateChange?.('half-open'));
    this.breaker.onReset(() => {
      this.openedAt = undefined;
      onStateChange?.('closed');
    });
  }

  /**
   * The breaker as an operator sees it: `open` while it fails fast, `half-open` once its cool-down has passed
   * (the next authorization is the probe; cockatiel itself moves to half-open when that call starts), and while
   * the probe runs.
   */
  get state(): BreakerState {
    switch (this.breaker.state) {
      case CircuitState.Open: {
        const probeAt = this.halfOpenAt;
        return probeAt && Date.now() >= probeAt.getTime() ? 'half-open' : 'open';
      }
      case CircuitState.Isolated:
        return 'open';
      case CircuitState.HalfOpen:
        return 'half-open';
      default:
        return 'closed';
    }
  }

  get consecutiveFailures(): number {
    return this.failures;
  }

  get halfOpenAt(): Date | undefined {
    return this.openedAt === undefined ? undefined : new Date(this.openedAt + this.settings.cooldownMs);
  }

  async authorize(charge: ProviderCharge): Promise<GuardedOutcome> {
    try {
      const outcome = await this.policy.execute(() => {
        this.calls++;
        return this.provider.authorize(charge);
      });
      this.failures = 0;
      return outcome;
    } catch (err) {
      if (err instanceof BrokenCircuitError) {
        const retryAfterSeconds = Math.max(
          1,
          Math.ceil(((this.halfOpenAt?.getTime() ?? Date.now()) - Date.now()) / 1000),
        );
        return {
          approved: false,
          unavailable: true,
          retryAfterSeconds,
          reason: `Payment provider is unavailable (circuit breaker open after ${this.settings.threshold} consecutive failures); no charge was made, try again in ${retryAfterSeconds} s`,
        };
      }
      this.failures++;
      const detail =
        err instanceof TaskCancelledError ? `no answer within ${this.settings.timeoutMs} ms` : String(err);
      return { approved: false, unavailable: true, reason: `Payment provider failed: ${detail}` };
    }
  }
}
