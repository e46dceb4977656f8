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
 * Least-connections ranks by this caller's in-flight count, then by the count the instance reported.
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
      // Our own in-flight count is exact and current; the reported one is up to a heartbeat old, so
      // it only breaks ties (as Envoy's least-request does). Among equals, rotate from the cursor.
      const better = (a: Candidate, b: Candidate) =>
        a.localInFlight !== b.localInFlight
          ? a.localInFlight < b.localInFlight
          : a.reportedInFlight < b.reportedInFlight;
      let best = -1;
      for (let i = 0; i < candidates.length; i++) {
        const index = (state.cursor + i) % candidates.length;
        if (best < 0 || better(candidates[index], candidates[best])) best = index;
      }
      state.cursor = (best + 1) % candidates.length;
      return candidates[best];
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
