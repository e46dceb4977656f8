import { NatsConnection } from '@nats-io/transport-node';
import { InstanceHeartbeat } from '@shop/contracts';
import { DuplicateInstanceError } from './incarnation';
import { IncarnationGuard } from './incarnation-guard';

const T0 = 1_000_000;
const SELF = { bootId: 'self', startedAt: '2026-01-01T00:00:10.000Z' };

const beat = (over: Partial<InstanceHeartbeat>): InstanceHeartbeat =>
  ({
    service: 'auth',
    instanceId: 'auth-1',
    pid: 7,
    host: 'h',
    state: 'ready',
    ...over,
  }) as InstanceHeartbeat;

describe('IncarnationGuard', () => {
  // Heartbeats are fed directly with an explicit `now`; the connection is only used by start().
  const guard = (onDuplicate: (e: DuplicateInstanceError) => void = () => undefined) =>
    new IncarnationGuard(
      {} as NatsConnection,
      { prefix: 't', instanceId: 'auth-1', heartbeatMs: 500 },
      SELF,
      onDuplicate,
    );

  it('lets a process serve when no other process beat under its id', () => {
    expect(guard().verdict(T0)).toBeUndefined();
  });

  it('ignores its own heartbeats', () => {
    const g = guard();
    g.onHeartbeat(beat({ bootId: 'self' }), T0);
    expect(g.verdict(T0 + 10)).toBeUndefined();
  });

  it('refuses to serve when another process beat within the last two periods, naming it', () => {
    const g = guard();
    g.onHeartbeat(beat({ bootId: 'other', pid: 99, startedAt: '2026-01-01T00:00:00.000Z' }), T0);
    const refusal = g.verdict(T0 + 1000);
    expect(refusal).toBeInstanceOf(DuplicateInstanceError);
    expect(refusal?.message).toContain('pid 99 on h');
  });

  it('serves when the other process was last heard longer ago than two periods (it has gone)', () => {
    const g = guard();
    g.onHeartbeat(beat({ bootId: 'other', startedAt: '2026-01-01T00:00:00.000Z' }), T0);
    expect(g.verdict(T0 + 1001)).toBeUndefined();
  });

  it('while serving, yields only to a run that started first; a newcomer is the one to go', () => {
    const duplicates: DuplicateInstanceError[] = [];
    const g = guard((e) => duplicates.push(e));
    expect(g.verdict(T0)).toBeUndefined();
    g.onHeartbeat(beat({ bootId: 'newcomer', startedAt: '2026-01-01T00:00:20.000Z' }), T0 + 100);
    expect(duplicates).toEqual([]);
    g.onHeartbeat(beat({ bootId: 'elder', pid: 3, startedAt: '2026-01-01T00:00:05.000Z' }), T0 + 200);
    expect(duplicates.map((d) => d.other.pid)).toEqual([3]);
  });
});
