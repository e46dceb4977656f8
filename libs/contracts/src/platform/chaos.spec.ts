import { ChaosStartCommand, chaosSeedProblem, chaosStartCommandProblem, isChaosRunOver } from './chaos';

const command = (change: Partial<Record<keyof ChaosStartCommand, unknown>> = {}): unknown => ({
  runId: 'chaos-20261207-101500-ab12',
  durationSeconds: 20,
  seed: '18',
  faults: ['kill', 'latency'],
  startedBy: 'admin@shop.test',
  shoppers: [
    { userId: 'u1', email: 'test-normal-1@test.shop', accessToken: 't', sessionId: 's', tier: 'normal' },
  ],
  ...change,
});

describe('chaosStartCommandProblem', () => {
  it('accepts a complete command, with no faults too', () => {
    expect(chaosStartCommandProblem(command())).toBeUndefined();
    expect(chaosStartCommandProblem(command({ faults: [] }))).toBeUndefined();
  });

  it.each([
    [{ durationSeconds: 9 }, /durationSeconds must be a whole number from 10 to 300/],
    [{ durationSeconds: 301 }, /from 10 to 300/],
    [{ durationSeconds: 12.5 }, /whole number/],
    [{ seed: '' }, /seed must be 1 to 64/],
    [{ seed: 'a b' }, /seed must be/],
    [{ faults: ['kill', 'nats'] }, /faults must be a list of: kill, latency, errors/],
    [{ faults: 'kill' }, /faults must be a list/],
    [{ shoppers: [] }, /shoppers must be test shopper sessions/],
    [{ shoppers: [{ userId: 'u1' }] }, /shoppers must be/],
    [{ startedBy: '' }, /startedBy/],
    [{ runId: 'a.b c' }, /runId/],
  ])('refuses %j', (change, message) => {
    expect(chaosStartCommandProblem(command(change))).toMatch(message);
  });

  it('names every problem of a command that is not an object', () => {
    const problem = chaosStartCommandProblem('start');
    expect(problem).toMatch(/runId/);
    expect(problem).toMatch(/durationSeconds/);
    expect(problem).toMatch(/shoppers/);
  });
});

describe('chaosSeedProblem', () => {
  it('accepts short printable seeds and refuses the rest', () => {
    expect(chaosSeedProblem('seed-18.a_B')).toBeUndefined();
    expect(chaosSeedProblem('x'.repeat(64))).toBeUndefined();
    expect(chaosSeedProblem('x'.repeat(65))).toMatch(/1 to 64/);
    expect(chaosSeedProblem(18)).toMatch(/seed must be/);
  });
});

describe('isChaosRunOver', () => {
  it('is true for the verdicts and an error only', () => {
    expect(['preparing', 'running', 'draining', 'checking'].map((p) => isChaosRunOver(p as never))).toEqual([
      false,
      false,
      false,
      false,
    ]);
    expect(['passed', 'failed', 'error'].every((p) => isChaosRunOver(p as never))).toBe(true);
  });
});
