import { NatsConnection } from '@nats-io/transport-node';
import { InstanceHeartbeat } from '@shop/contracts';
import { ServiceRegistry } from './service-registry';

const heartbeat = (instanceId: string, over: Partial<InstanceHeartbeat> = {}): InstanceHeartbeat => ({
  service: 'inventory',
  instanceId,
  pid: 1,
  host: 'h',
  version: '1',
  startedAt: '2026-01-01T00:00:00.000Z',
  sentAt: '2026-01-01T00:00:01.000Z',
  seq: 1,
  state: 'ready',
  inFlight: 0,
  served: 0,
  failed: 0,
  latencyP50Ms: 0,
  latencyP99Ms: 0,
  rssBytes: 0,
  ...over,
});

describe('ServiceRegistry liveness', () => {
  // Heartbeats are fed directly with an explicit `now`; the NATS connection is only used by start().
  const registry = () =>
    new ServiceRegistry({} as NatsConnection, { prefix: 't', suspectAfterMs: 1000, downAfterMs: 2000 });
  const T0 = 1_000_000;

  it('is alive up to 1 s of silence, suspect up to 2 s, then down', () => {
    const reg = registry();
    reg.onHeartbeat(heartbeat('a'), T0);
    const a = reg.get('a')!;
    expect(reg.liveness(a, T0)).toBe('alive');
    expect(reg.liveness(a, T0 + 1000)).toBe('alive');
    expect(reg.liveness(a, T0 + 1001)).toBe('suspect');
    expect(reg.liveness(a, T0 + 2000)).toBe('suspect');
    expect(reg.liveness(a, T0 + 2001)).toBe('down');
  });

  it('becomes alive again with the next heartbeat', () => {
    const reg = registry();
    reg.onHeartbeat(heartbeat('a'), T0);
    reg.onHeartbeat(heartbeat('a', { seq: 2 }), T0 + 1500);
    expect(reg.liveness(reg.get('a')!, T0 + 2100)).toBe('alive');
  });

  it('marks an instance down at once when it announces its departure', () => {
    const reg = registry();
    reg.onHeartbeat(heartbeat('a'), T0);
    reg.onLeave({ service: 'inventory', instanceId: 'a', reason: 'SIGTERM' });
    expect(reg.liveness(reg.get('a')!, T0)).toBe('down');
  });

  it('takes back a restarted instance with the same id after the old run left', () => {
    const reg = registry();
    reg.onHeartbeat(heartbeat('a'), T0);
    reg.onLeave({ service: 'inventory', instanceId: 'a', reason: 'SIGTERM' });
    expect(reg.liveness(reg.get('a')!, T0 + 10)).toBe('down');
    reg.onHeartbeat(heartbeat('a', { startedAt: '2026-01-01T00:05:00.000Z', seq: 1 }), T0 + 20);
    expect(reg.liveness(reg.get('a')!, T0 + 20)).toBe('alive');
  });

  it('ignores heartbeats of an older run of a restarted instance id', () => {
    const reg = registry();
    reg.onHeartbeat(heartbeat('a', { startedAt: '2026-01-01T00:05:00.000Z', pid: 2 }), T0);
    reg.onHeartbeat(heartbeat('a', { startedAt: '2026-01-01T00:00:00.000Z', pid: 1 }), T0 + 10);
    expect(reg.get('a')!.heartbeat.pid).toBe(2);
  });

  it('lists instances per service sorted by id, and forgets those silent for a minute', () => {
    const reg = registry();
    reg.onHeartbeat(heartbeat('b'), T0);
    reg.onHeartbeat(heartbeat('a'), T0);
    reg.onHeartbeat(heartbeat('o', { service: 'orders' }), T0);
    expect(reg.list('inventory', T0).map((i) => i.heartbeat.instanceId)).toEqual(['a', 'b']);
    expect(reg.hasHeardFrom('orders')).toBe(true);
    expect(reg.hasHeardFrom('cart')).toBe(false);
    reg.onHeartbeat(heartbeat('a', { seq: 9 }), T0 + 59_000);
    expect(reg.list('inventory', T0 + 61_000).map((i) => i.heartbeat.instanceId)).toEqual(['a']);
  });
});
