import { Candidate, StrategyState, pick } from './strategies';

const candidate = (instanceId: string, over: Partial<Candidate> = {}): Candidate => ({
  instanceId,
  localInFlight: 0,
  reportedInFlight: 0,
  weight: 1,
  ...over,
});

/** A deterministic "random" source cycling through the given values. */
const sequence = (...values: number[]) => {
  let i = 0;
  return () => values[i++ % values.length];
};

describe('balancing strategies', () => {
  const abc = [candidate('a'), candidate('b'), candidate('c')];

  it('returns undefined when there is no candidate', () => {
    for (const algorithm of ['round-robin', 'least-connections', 'random', 'weighted'] as const)
      expect(pick(algorithm, [], { cursor: 0 })).toBeUndefined();
  });

  describe('round-robin', () => {
    it('cycles through the candidates in order', () => {
      const state: StrategyState = { cursor: 0 };
      const picks = Array.from({ length: 7 }, () => pick('round-robin', abc, state)!.instanceId);
      expect(picks).toEqual(['a', 'b', 'c', 'a', 'b', 'c', 'a']);
    });

    it('keeps spreading evenly when the candidate set shrinks', () => {
      const state: StrategyState = { cursor: 0 };
      pick('round-robin', abc, state);
      const two = [candidate('a'), candidate('c')];
      const picks = Array.from({ length: 4 }, () => pick('round-robin', two, state)!.instanceId);
      expect(picks.filter((p) => p === 'a')).toHaveLength(2);
      expect(picks.filter((p) => p === 'c')).toHaveLength(2);
    });
  });

  describe('least-connections', () => {
    it('picks the candidate with the fewest requests in flight', () => {
      const cands = [
        candidate('a', { localInFlight: 3 }),
        candidate('b', { localInFlight: 1 }),
        candidate('c', { localInFlight: 2 }),
      ];
      expect(pick('least-connections', cands, { cursor: 0 })!.instanceId).toBe('b');
    });

    it('breaks ties on our own count with the count the instance reported (other callers)', () => {
      const cands = [candidate('a', { reportedInFlight: 4 }), candidate('b', { reportedInFlight: 1 })];
      expect(pick('least-connections', cands, { cursor: 0 })!.instanceId).toBe('b');
    });

    it('trusts its own fresh count over a heartbeat-old report', () => {
      const cands = [
        candidate('a', { localInFlight: 2 }),
        candidate('b', { localInFlight: 0, reportedInFlight: 5 }),
      ];
      expect(pick('least-connections', cands, { cursor: 0 })!.instanceId).toBe('b');
    });

    it('rotates among tied candidates instead of always taking the first', () => {
      const state: StrategyState = { cursor: 0 };
      const cands = [candidate('a'), candidate('b'), candidate('c', { localInFlight: 1 })];
      const picks = Array.from({ length: 4 }, () => pick('least-connections', cands, state)!.instanceId);
      expect(picks).toEqual(['a', 'b', 'a', 'b']);
    });
  });

  describe('random', () => {
    it('maps the random number onto the candidates', () => {
      const random = sequence(0, 0.34, 0.99);
      const picks = Array.from({ length: 3 }, () => pick('random', abc, { cursor: 0 }, random)!.instanceId);
      expect(picks).toEqual(['a', 'b', 'c']);
    });

    it('spreads roughly evenly with Math.random', () => {
      const counts: Record<string, number> = {};
      for (let i = 0; i < 3000; i++) {
        const id = pick('random', abc, { cursor: 0 })!.instanceId;
        counts[id] = (counts[id] ?? 0) + 1;
      }
      for (const id of ['a', 'b', 'c']) expect(counts[id]).toBeGreaterThan(800);
    });
  });

  describe('weighted', () => {
    const weighted = [
      candidate('a', { weight: 1 }),
      candidate('b', { weight: 3 }),
      candidate('c', { weight: 0 }),
    ];

    it('gives each candidate a share proportional to its weight, and none to weight 0', () => {
      // r * total(4): [0,1) → a, [1,4) → b; c (weight 0) never.
      const random = sequence(0, 0.2, 0.26, 0.5, 0.99);
      const picks = Array.from(
        { length: 5 },
        () => pick('weighted', weighted, { cursor: 0 }, random)!.instanceId,
      );
      expect(picks).toEqual(['a', 'a', 'b', 'b', 'b']);
    });

    it('follows the weights over many picks', () => {
      const counts: Record<string, number> = {};
      for (let i = 0; i < 4000; i++) {
        const id = pick('weighted', weighted, { cursor: 0 })!.instanceId;
        counts[id] = (counts[id] ?? 0) + 1;
      }
      expect(counts.c).toBeUndefined();
      expect(counts.b / counts.a).toBeGreaterThan(2.4);
      expect(counts.b / counts.a).toBeLessThan(3.6);
    });

    it('picks nobody when every weight is 0', () => {
      expect(pick('weighted', [candidate('a', { weight: 0 })], { cursor: 0 })).toBeUndefined();
    });
  });
});
