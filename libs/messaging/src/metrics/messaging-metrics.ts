import type { BreakerState } from '@shop/contracts';
import type { InstanceBreakers } from '../balancer/breakers';
import type { InstanceStats } from '../registry/instance-stats';
import type { InstanceMetrics } from './instance-metrics';

const BREAKER_STATES: readonly BreakerState[] = ['closed', 'half-open', 'open'];

/**
 * Gauges read from the messaging layer when Prometheus scrapes (nothing is done per request): requests in
 * flight and served, and the state of this instance's circuit breaker for each peer instance it called.
 */
export function registerMessagingMetrics(
  metrics: InstanceMetrics,
  stats: InstanceStats,
  breakers: InstanceBreakers,
): void {
  metrics.gauge({
    name: 'shop_rpc_in_flight',
    help: 'RPCs this instance is serving now',
    collect() {
      this.set(stats.inFlight);
    },
  });
  metrics.gauge({
    name: 'shop_circuit_breaker_state',
    help: "State of this instance's circuit breaker for a peer instance (1 for the current state)",
    labelNames: ['peer', 'state'],
    collect() {
      this.reset();
      for (const [peer, current] of breakers.states())
        for (const state of BREAKER_STATES) this.set({ peer, state }, state === current ? 1 : 0);
    },
  });
}
