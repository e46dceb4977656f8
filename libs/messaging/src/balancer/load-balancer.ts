import { BalancingAlgorithm, ServiceName } from '@shop/contracts';
import { ClusterConfigStore } from '../config/cluster-config.store';
import { ServiceRegistry } from '../registry/service-registry';
import { InstanceBreakers } from './breakers';
import { Candidate, StrategyState, pick } from './strategies';

/**
 * Client-side, health-aware load balancing: never picks an instance that is down, draining, disabled by an
 * admin, or whose breaker is open. Suspect instances are used only when no healthy one remains.
 */
export class LoadBalancer {
  private readonly state = new Map<ServiceName, StrategyState>();
  private readonly inFlight = new Map<string, number>();
  private readonly routed = new Map<string, number>();

  constructor(
    private readonly registry: ServiceRegistry,
    private readonly config: ClusterConfigStore,
    readonly breakers: InstanceBreakers,
  ) {}

  algorithmFor(service: ServiceName): BalancingAlgorithm {
    const { balancing } = this.config.current().config;
    return balancing.perService[service] ?? balancing.algorithm;
  }

  isDisabled(instanceId: string): boolean {
    return this.config.current().config.disabledInstances.includes(instanceId);
  }

  /** Chooses an instance for the next request, or undefined when none can take it. */
  choose(service: ServiceName, exclude?: ReadonlySet<string>): string | undefined {
    const now = Date.now();
    const { weights } = this.config.current().config.balancing;
    const healthy: Candidate[] = [];
    const suspect: Candidate[] = [];
    for (const inst of this.registry.members(service, now)) {
      const id = inst.heartbeat.instanceId;
      if (exclude?.has(id) || inst.heartbeat.state !== 'ready' || this.isDisabled(id)) continue;
      if (!this.breakers.allows(id, now)) continue;
      const liveness = this.registry.liveness(inst, now);
      if (liveness === 'down') continue;
      const candidate: Candidate = {
        instanceId: id,
        localInFlight: this.inFlight.get(id) ?? 0,
        reportedInFlight: inst.heartbeat.inFlight,
        weight: weights[id] ?? 1,
      };
      (liveness === 'alive' ? healthy : suspect).push(candidate);
    }
    let st = this.state.get(service);
    if (!st) this.state.set(service, (st = { cursor: 0 }));
    const algorithm = this.algorithmFor(service);
    return (pick(algorithm, healthy, st) ?? pick(algorithm, suspect, st))?.instanceId;
  }

  acquire(instanceId: string): void {
    this.inFlight.set(instanceId, (this.inFlight.get(instanceId) ?? 0) + 1);
    this.routed.set(instanceId, (this.routed.get(instanceId) ?? 0) + 1);
  }

  release(instanceId: string): void {
    this.inFlight.set(instanceId, Math.max(0, (this.inFlight.get(instanceId) ?? 1) - 1));
  }

  routedTo(instanceId: string): number {
    return this.routed.get(instanceId) ?? 0;
  }
}
