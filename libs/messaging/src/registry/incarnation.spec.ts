import { InstanceHeartbeat } from '@shop/contracts';
import { DuplicateInstanceError, keepsServing } from './incarnation';

describe('incarnations of one instance id', () => {
  const run = (startedAt: string, bootId: string) => ({ startedAt, bootId });

  it('keeps the run that started first, and between equal start times the smaller boot id', () => {
    const early = run('2026-01-01T00:00:00.000Z', 'zzz');
    const late = run('2026-01-01T00:00:00.001Z', 'aaa');
    expect(keepsServing(early, late)).toBe(true);
    expect(keepsServing(late, early)).toBe(false);
    const a = run('2026-01-01T00:00:00.000Z', 'a');
    const b = run('2026-01-01T00:00:00.000Z', 'b');
    // Exactly one of two simultaneous starters keeps serving, whichever side decides.
    expect([keepsServing(a, b), keepsServing(b, a)]).toEqual([true, false]);
  });

  it('names the other process (pid, host, start time) and says what to do', () => {
    const other = {
      service: 'auth',
      instanceId: 'auth-1',
      pid: 4242,
      host: 'box-7',
      startedAt: '2026-01-01T10:00:00.000Z',
      state: 'ready',
    } as InstanceHeartbeat;
    const error = new DuplicateInstanceError('shop', other);
    expect(error.message).toContain('instance id auth-1 under subject prefix "shop"');
    expect(error.message).toContain('pid 4242 on box-7, started 2026-01-01T10:00:00.000Z');
    expect(error.message).toMatch(/INSTANCE_ID or SUBJECT_PREFIX/);
  });
});
