import {
  BrokenCircuitError,
  CircuitState,
  ConsecutiveBreaker,
  circuitBreaker,
  handleAll,
  CircuitBreakerPolicy,
} from 'cockatiel';
import { BreakerState } from '@shop/contracts';
import { PaymentProvider, PaymentProviderError, ProviderCharge, ProviderOutcome } from './payment-provider';

export type GuardedOutcome =
  ProviderOutcome | { approved: false; unavailable: true; reason: string; retryAfterSeconds?: number };

/**
 * The provider behind a cockatiel circuit breaker: it opens after `threshold` consecutive failures (errors
 * or timeouts; declines are answers, not failures), fails fast while open, and half-opens after `cooldownMs`
 * to let one probe through. Never throws: a failure comes back as `unavailable`.
 */
export class GuardedProvider {
  private readonly policy: CircuitBreakerPolicy;
  private failures = 0;
  private openedAt?: number;
  calls = 0;

  constructor(
    readonly provider: PaymentProvider,
    private readonly threshold: number,
    private readonly cooldownMs: number,
    private readonly timeoutMs: number,
    onStateChange?: (state: BreakerState) => void,
  ) {
    this.policy = circuitBreaker(handleAll, {
      halfOpenAfter: cooldownMs,
      breaker: new ConsecutiveBreaker(threshold),
    });
    this.policy.onBreak(() => {
      this.openedAt = Date.now();
      onStateChange?.('open');
    });
    this.policy.onHalfOpen(() => onStateChange?.('half-open'));
    this.policy.onReset(() => {
      this.openedAt = undefined;
      onStateChange?.('closed');
    });
  }

  get state(): BreakerState {
    switch (this.policy.state) {
      case CircuitState.Open:
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
    return this.openedAt === undefined ? undefined : new Date(this.openedAt + this.cooldownMs);
  }

  async authorize(charge: ProviderCharge): Promise<GuardedOutcome> {
    try {
      const outcome = await this.policy.execute(() => {
        this.calls++;
        return withTimeout(this.provider.authorize(charge), this.timeoutMs);
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
          reason: `Payment provider is unavailable (circuit breaker open after ${this.threshold} consecutive failures); no charge was made, try again in ${retryAfterSeconds} s`,
        };
      }
      this.failures++;
      return {
        approved: false,
        unavailable: true,
        reason: `Payment provider failed: ${(err as Error).message}`,
      };
    }
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new PaymentProviderError(`no answer within ${ms} ms`)), ms);
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e instanceof Error ? e : new PaymentProviderError(String(e)));
      },
    );
  });
}
