import type { ClusterHealth, InstanceHealth, ServiceHealth } from '@shop/contracts';

export function instance(overrides: Partial<InstanceHealth> = {}): InstanceHealth {
  return {
    service: 'inventory',
    instanceId: 'inventory-1',
    bootId: '9b2f5c1e-0d7a-4f2b-8a63-1c4e5d6f7a80',
    pid: 1001,
    host: 'localhost',
    version: '0.1.0',
    startedAt: '2026-11-23T22:00:00.000Z',
    sentAt: '2026-11-23T22:10:00.000Z',
    seq: 10,
    state: 'ready',
    inFlight: 2,
    served: 1234,
    failed: 1,
    latencyP50Ms: 1.2,
    latencyP99Ms: 8.5,
    hedged: 0,
    resent: 0,
    rssBytes: 90 * 1024 * 1024,
    status: 'healthy',
    lastHeartbeatAgoMs: 300,
    disabled: false,
    breaker: 'closed',
    routed: 100,
    ...overrides,
  };
}

export function service(name: ServiceHealth['name'], instances: InstanceHealth[]): ServiceHealth {
  return {
    name,
    algorithm: 'round-robin',
    healthy: instances.filter((i) => i.status === 'healthy').length,
    total: instances.length,
    instances,
  };
}

export function cluster(services: ServiceHealth[]): ClusterHealth {
  return { view: 'detail', generatedAt: '2026-11-23T22:10:00.000Z', reporter: 'gateway-1', services };
}
