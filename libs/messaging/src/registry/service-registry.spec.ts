import { NatsConnection } from '@nats-io/transport-node';
import { InstanceHeartbeat } from '@shop/contracts';
import { ServiceRegistry } from './service-registry';

const heartbeat = (instanceId: string, over: Partial<InstanceHeartbeat> = {}): InstanceHeartbeat => ({
  service: 'inventory',
  instanceId,
  bootId: `${instanceId}-boot`,
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
  hedged: 0,
  resent: 0,
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

  const leave = (instanceId: string, bootId = `${instanceId}-boot`, exited = false) => ({
    service: 'inventory' as const,
    instanceId,
    bootId,
    reason: 'SIGTERM',
    exited,
  });

  it('marks an instance down at once when it announces its departure', () => {
    const reg = registry();
    reg.onHeartbeat(heartbeat('a'), T0);
    reg.onLeave(leave('a'));
    expect(reg.liveness(reg.get('a')!, T0)).toBe('down');
  });

  it('takes back a restarted instance with the same id after the old run left', () => {
    const reg = registry();
    reg.onHeartbeat(heartbeat('a'), T0);
    reg.onLeave(leave('a'));
    expect(reg.liveness(reg.get('a')!, T0 + 10)).toBe('down');
    const restarted = { bootId: 'a-boot-2', startedAt: '2026-01-01T00:05:00.000Z', seq: 1 };
    reg.onHeartbeat(heartbeat('a', restarted), T0 + 20);
    expect(reg.liveness(reg.get('a')!, T0 + 20)).toBe('alive');
    expect(reg.get('a')!.heartbeat.bootId).toBe('a-boot-2');
  });

  it('takes a restarted run once the old one is down by silence, not before', () => {
    const reg = registry();
    reg.onHeartbeat(heartbeat('a'), T0);
    const restarted = heartbeat('a', { bootId: 'a-boot-2', startedAt: '2026-01-01T00:05:00.000Z', pid: 2 });
    reg.onHeartbeat(restarted, T0 + 1500); // the old run is only suspect
    expect(reg.get('a')!.heartbeat.pid).toBe(1);
    reg.onHeartbeat(restarted, T0 + 2001);
    expect(reg.get('a')!.heartbeat.pid).toBe(2);
    expect(reg.liveness(reg.get('a')!, T0 + 2001)).toBe('alive');
  });

  it('ignores late heartbeats of a run that has left', () => {
    const reg = registry();
    reg.onHeartbeat(heartbeat('a'), T0);
    reg.onLeave(leave('a'));
    reg.onHeartbeat(heartbeat('a', { seq: 2 }), T0 + 10);
    expect(reg.liveness(reg.get('a')!, T0 + 10)).toBe('down');
  });

  it('keeps the run that started first when a duplicate beats under the same id, and its departure changes nothing', () => {
    const reg = registry();
    reg.onHeartbeat(heartbeat('a', { pid: 1 }), T0);
    const duplicate = { bootId: 'dup', pid: 2, startedAt: '2026-01-01T00:09:00.000Z' };
    reg.onHeartbeat(heartbeat('a', duplicate), T0 + 100);
    expect(reg.get('a')!.heartbeat.pid).toBe(1);
    // The duplicate yields and says so; the live run stays up, also under later heartbeats.
    reg.onLeave(leave('a', 'dup'));
    reg.onHeartbeat(heartbeat('a', { pid: 1, seq: 2 }), T0 + 500);
    expect(reg.liveness(reg.get('a')!, T0 + 500)).toBe('alive');
    expect(reg.get('a')!.heartbeat.pid).toBe(1);
  });

  it('follows the run that started first even when it heard the duplicate first', () => {
    const reg = registry();
    reg.onHeartbeat(heartbeat('a', { bootId: 'late', pid: 2, startedAt: '2026-01-01T00:09:00.000Z' }), T0);
    reg.onHeartbeat(heartbeat('a', { pid: 1 }), T0 + 10);
    expect(reg.get('a')!.heartbeat.pid).toBe(1);
    reg.onHeartbeat(
      heartbeat('a', { bootId: 'late', pid: 2, startedAt: '2026-01-01T00:09:00.000Z' }),
      T0 + 20,
    );
    expect(reg.get('a')!.heartbeat.pid).toBe(1);
  });

  it('ignores a departure that names no run', () => {
    const reg = registry();
    reg.onHeartbeat(heartbeat('a'), T0);
    reg.onLeave({ service: 'inventory', instanceId: 'a', reason: 'old sender' } as never);
    expect(reg.liveness(reg.get('a')!, T0)).toBe('alive');
  });

  describe('lost instances', () => {
    const lostIn = (reg: ServiceRegistry) => {
      const lost: string[] = [];
      reg.onLost((id) => lost.push(id));
      return lost;
    };

    it('reports a departure announced after the process ended, not a graceful one', () => {
      const reg = registry();
      const lost = lostIn(reg);
      reg.onHeartbeat(heartbeat('a'), T0);
      reg.onHeartbeat(heartbeat('b'), T0);
      reg.onLeave(leave('a'));
      reg.onLeave(leave('b', 'b-boot', true));
      expect(lost).toEqual(['b']);
    });

    it('reports an instance once when it stays silent past downAfterMs, and again after it came back', () => {
      const reg = registry();
      const lost = lostIn(reg);
      reg.onHeartbeat(heartbeat('a'), T0);
      reg.sweep(T0 + 2000);
      expect(lost).toEqual([]);
      reg.sweep(T0 + 2001);
      reg.sweep(T0 + 2500);
      expect(lost).toEqual(['a']);
      reg.onHeartbeat(heartbeat('a', { seq: 2 }), T0 + 3000);
      reg.sweep(T0 + 5001);
      expect(lost).toEqual(['a', 'a']);
    });

    it('marks an unreachable run down and reports it, until its next heartbeat', () => {
      const reg = registry();
      const lost = lostIn(reg);
      reg.onHeartbeat(heartbeat('a'), T0);
      reg.markUnreachable('a', 'another-run');
      expect(lost).toEqual([]);
      reg.markUnreachable('a', 'a-boot');
      reg.markUnreachable('a', 'a-boot');
      expect(lost).toEqual(['a']);
      expect(reg.liveness(reg.get('a')!, T0)).toBe('down');
      reg.onHeartbeat(heartbeat('a', { seq: 2 }), T0 + 100);
      expect(reg.liveness(reg.get('a')!, T0 + 100)).toBe('alive');
    });

    it('leaves a gracefully departing run alone when it is unreachable (it answers what it has)', () => {
      const reg = registry();
      const lost = lostIn(reg);
      reg.onHeartbeat(heartbeat('a'), T0);
      reg.onLeave(leave('a'));
      reg.markUnreachable('a', 'a-boot');
      reg.sweep(T0 + 10_000);
      expect(lost).toEqual([]);
    });
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
