import { Injectable } from '@nestjs/common';
import {
  ClusterHealth,
  ClusterHealthSummary,
  InstanceHealth,
  InstanceStatus,
  SERVICE_NAMES,
  ServiceHealth,
} from '@shop/contracts';
import { KnownInstance, LoadBalancer, MessagingRuntime, ServiceRegistry } from '@shop/messaging';

/** Builds the cluster picture from this gateway instance's registry view, config and breakers. */
@Injectable()
export class ClusterHealthService {
  constructor(
    private readonly registry: ServiceRegistry,
    private readonly balancer: LoadBalancer,
    private readonly runtime: MessagingRuntime,
  ) {}

  snapshot(now = Date.now()): ClusterHealth {
    const services: ServiceHealth[] = SERVICE_NAMES.map((name) => {
      const instances = this.registry.list(name, now).map((inst) => this.describe(inst, now));
      return {
        name,
        algorithm: this.balancer.algorithmFor(name),
        healthy: instances.filter((i) => i.status === 'healthy').length,
        total: instances.length,
        instances,
      };
    });
    return {
      view: 'detail',
      generatedAt: new Date(now).toISOString(),
      reporter: this.runtime.options.instanceId,
      services,
    };
  }

  /** What anyone may see: each service up, degraded or down, with its instance counts. */
  summary(now = Date.now()): ClusterHealthSummary {
    const services = SERVICE_NAMES.map((name) => {
      const instances = this.registry.list(name, now);
      const healthy = instances.filter((inst) => this.describe(inst, now).status === 'healthy').length;
      const status = healthy === 0 ? 'down' : healthy === instances.length ? 'up' : 'degraded';
      return { name, status, healthy, total: instances.length } as const;
    });
    return { view: 'summary', generatedAt: new Date(now).toISOString(), services };
  }

  private describe(inst: KnownInstance, now: number): InstanceHealth {
    const id = inst.heartbeat.instanceId;
    const disabled = this.balancer.isDisabled(id);
    const liveness = this.registry.liveness(inst, now);
    let status: InstanceStatus;
    if (liveness === 'down') status = 'down';
    else if (disabled) status = 'disabled';
    else if (inst.heartbeat.state !== 'ready') status = inst.heartbeat.state;
    else status = liveness === 'suspect' ? 'suspect' : 'healthy';
    return {
      ...inst.heartbeat,
      status,
      disabled,
      lastHeartbeatAgoMs: now - inst.lastSeen,
      breaker: this.balancer.breakers.state(id),
      routed: this.balancer.routedTo(id),
    };
  }
}
