import { NatsConnection, TimeoutError } from '@nats-io/transport-node';
import { ClusterConfig, InstanceHeartbeat, defaultClusterConfig } from '@shop/contracts';
import { ClusterConfigStore } from '../config/cluster-config.store';
import { ServiceRegistry } from '../registry/service-registry';
import { InstanceBreakers } from './breakers';
import { LoadBalancer } from './load-balancer';

const beat = (instanceId: string, over: Partial<InstanceHeartbeat> = {}): InstanceHeartbeat => ({
  service: 'inventory',
  instanceId,
  bootId: `${instanceId}-boot`,
  pid: 1,
  host: 'h',
  version: '1',
  startedAt: '2026-01-01T00:00:00.000Z',
  sentAt: '2026-01-01T00:00:00.000Z',
  seq: 1,
  state: 'ready',
  inFlight: 0,
  served: 0,
  failed: 0,
  latencyP50Ms: 0,
  latencyP99Ms: 0,
  hedged: 0,
  resent: 0,
  rssBytes: 0,
  ...over,
});

describe('LoadBalancer (health-aware choice)', () => {
  let registry: ServiceRegistry;
  let config: ClusterConfig;
  let breakers: InstanceBreakers;
  let balancer: LoadBalancer;

  beforeEach(() => {
    // Real registry fed directly; a config store stand-in that only serves current() (no NATS here).
    registry = new ServiceRegistry({} as NatsConnection, {
      prefix: 't',
      suspectAfterMs: 1000,
      downAfterMs: 2000,
    });
    config = defaultClusterConfig();
    const store = { current: () => ({ revision: 1, config }) } as unknown as ClusterConfigStore;
    breakers = new InstanceBreakers(3, 60_000);
    balancer = new LoadBalancer(registry, store, breakers);
    for (const id of ['a', 'b', 'c']) registry.onHeartbeat(beat(id));
  });

  const picks = (n: number) => Array.from({ length: n }, () => balancer.choose('inventory'));

  it('rotates over the ready instances', () => {
    expect(picks(6)).toEqual(['a', 'b', 'c', 'a', 'b', 'c']);
  });

  it('never picks a disabled, departed, starting or draining instance', () => {
    config.disabledInstances = ['a'];
    registry.onLeave({ service: 'inventory', instanceId: 'b', bootId: 'b-boot', reason: 'SIGTERM' });
    registry.onHeartbeat(beat('d', { state: 'draining' }));
    registry.onHeartbeat(beat('e', { state: 'starting' }));
    expect(new Set(picks(6))).toEqual(new Set(['c']));
  });

  it('skips excluded instances (already tried) and returns undefined when none is left', () => {
    expect(balancer.choose('inventory', new Set(['a', 'b']))).toBe('c');
    expect(balancer.choose('inventory', new Set(['a', 'b', 'c']))).toBeUndefined();
    expect(balancer.choose('orders')).toBeUndefined();
  });

  it('never picks an instance whose breaker is open', async () => {
    for (let i = 0; i < 3; i++)
      await breakers.execute('a', () => Promise.reject(new TimeoutError())).catch(() => undefined);
    expect(breakers.state('a')).toBe('open');
    expect(picks(4)).not.toContain('a');
  });

  it('uses suspect instances only when no healthy one remains, and never down ones', () => {
    const now = Date.now();
    registry.onHeartbeat(beat('a'), now - 1500); // suspect
    registry.onHeartbeat(beat('b'), now - 2500); // down
    expect(new Set(picks(4))).toEqual(new Set(['c']));
    config.disabledInstances = ['c'];
    expect(new Set(picks(4))).toEqual(new Set(['a']));
  });

  it('follows the per-service algorithm and weights from the configuration', () => {
    config.balancing.perService.inventory = 'weighted';
    config.balancing.weights = { a: 0, b: 0, c: 5 };
    expect(balancer.algorithmFor('inventory')).toBe('weighted');
    expect(balancer.algorithmFor('orders')).toBe('round-robin');
    expect(new Set(picks(10))).toEqual(new Set(['c']));
  });

  it('prefers the instance with fewer local requests in flight under least-connections', () => {
    config.balancing.algorithm = 'least-connections';
    balancer.acquire('a');
    balancer.acquire('b');
    expect(balancer.choose('inventory')).toBe('c');
    balancer.release('a');
    balancer.acquire('c');
    expect(balancer.choose('inventory')).toBe('a');
    expect(balancer.routedTo('a')).toBe(1);
  });
});
