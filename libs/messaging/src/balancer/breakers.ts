import {
  BrokenCircuitError,
  CircuitBreakerPolicy,
  CircuitState,
  ConsecutiveBreaker,
  circuitBreaker,
  handleWhen,
} from 'cockatiel';
import { BreakerState } from '@shop/contracts';
import { isTransportFailure } from '../rpc/rpc-errors';

export type BreakerListener = (instanceId: string, state: BreakerState) => void;

/**
 * One circuit breaker per remote instance (cockatiel): it opens after `threshold` consecutive transport
 * failures, lets one probe through after `cooldownMs`, and closes again when the probe succeeds.
 * Business errors (not found, out of stock…) say nothing about the instance's health and are not counted.
 */
export class InstanceBreakers {
  private readonly breakers = new Map<string, { policy: CircuitBreakerPolicy; openedAt: number }>();
  private readonly listeners: BreakerListener[] = [];

  constructor(
    private readonly threshold: number,
    private readonly cooldownMs: number,
  ) {}

  onChange(listener: BreakerListener): void {
    this.listeners.push(listener);
  }

  private get(instanceId: string) {
    let entry = this.breakers.get(instanceId);
    if (!entry) {
      const policy = circuitBreaker(handleWhen(isTransportFailure), {
        halfOpenAfter: this.cooldownMs,
        breaker: new ConsecutiveBreaker(this.threshold),
      });
      const created = { policy, openedAt: 0 };
      policy.onStateChange((state) => {
        if (state === CircuitState.Open) created.openedAt = Date.now();
        for (const l of this.listeners) l(instanceId, toBreakerState(state));
      });
      this.breakers.set(instanceId, created);
      entry = created;
    }
    return entry;
  }

  execute<T>(instanceId: string, fn: () => Promise<T>): Promise<T> {
    return this.get(instanceId).policy.execute(fn);
  }

  state(instanceId: string): BreakerState {
    const entry = this.breakers.get(instanceId);
    return entry ? toBreakerState(entry.policy.state) : 'closed';
  }

  /** The state of every breaker this instance has (one per peer instance it called). */
  *states(): IterableIterator<[string, BreakerState]> {
    for (const [instanceId, entry] of this.breakers) yield [instanceId, toBreakerState(entry.policy.state)];
  }

  /** False while the breaker is open and its cool-down has not elapsed (a probe is allowed after it). */
  allows(instanceId: string, now = Date.now()): boolean {
    const entry = this.breakers.get(instanceId);
    if (!entry) return true;
    const state = entry.policy.state;
    if (state === CircuitState.Closed) return true;
    if (state === CircuitState.Open) return now - entry.openedAt >= this.cooldownMs;
    return false; // half-open: a probe is already in flight
  }
}

export function isBrokenCircuit(err: unknown): boolean {
  return err instanceof BrokenCircuitError;
}

function toBreakerState(state: CircuitState): BreakerState {
  if (state === CircuitState.Open || state === CircuitState.Isolated) return 'open';
  if (state === CircuitState.HalfOpen) return 'half-open';
  return 'closed';
}
