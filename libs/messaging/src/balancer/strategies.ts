import { BalancingAlgorithm } from '@shop/contracts';

/** What a strategy needs to know about a candidate instance. */
export interface Candidate {
  instanceId: string;
  /** Requests this process has outstanding on the instance. */
  localInFlight: number;
  /** In-flight count the instance reported in its last heartbeat (all callers). */
  reportedInFlight: number;
  weight: number;
}

export interface StrategyState {
  /** Round-robin cursor per service. */
  cursor: number;
}

/**
 * Picks one candidate. Candidates arrive sorted by instance id so round-robin is stable as the set changes.
 * Least-connections uses the larger of the local count (fresh) and the reported count (includes other callers).
 */
export function pick(
  algorithm: BalancingAlgorithm,
  candidates: readonly Candidate[],
  state: StrategyState,
  random: () => number = Math.random,
): Candidate | undefined {
  if (candidates.length === 0) return undefined;
  switch (algorithm) {
    case 'round-robin': {
      const chosen = candidates[state.cursor % candidates.length];
      state.cursor = (state.cursor + 1) % Number.MAX_SAFE_INTEGER;
      return chosen;
    }
    case 'least-connections': {
      const load = (c: Candidate) => Math.max(c.localInFlight, c.reportedInFlight);
      const min = Math.min(...candidates.map(load));
      const tied = candidates.filter((c) => load(c) === min);
      const chosen = tied[state.cursor % tied.length];
      state.cursor = (state.cursor + 1) % Number.MAX_SAFE_INTEGER;
      return chosen;
    }
    case 'random':
      return candidates[Math.floor(random() * candidates.length)];
    case 'weighted': {
      const total = candidates.reduce((sum, c) => sum + Math.max(0, c.weight), 0);
      if (total <= 0) return undefined;
      let r = random() * total;
      for (const c of candidates) {
        r -= Math.max(0, c.weight);
        if (r < 0) return c;
      }
      return candidates[candidates.length - 1];
    }
  }
}
