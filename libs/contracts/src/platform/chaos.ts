import type { AuthTokens } from '../auth/auth.types';

/**
 * Chaos mode: a bounded chaos run on the live cluster, started from the admin API and run by the local
 * supervisor (it owns the processes it kills). The run drives generated test shoppers through the gateway's
 * REST API, injects faults from a seeded schedule, stops by itself, restores what it injected and checks the
 * invariants for its own orders.
 */

/** Fault kinds safe on a live cluster: instance kills, and latency or errors through the cluster configuration. */
export const ChaosFaultKind = { Kill: 'kill', Latency: 'latency', Errors: 'errors' } as const;
export type ChaosFaultKind = (typeof ChaosFaultKind)[keyof typeof ChaosFaultKind];
export const CHAOS_FAULT_KINDS: readonly ChaosFaultKind[] = Object.values(ChaosFaultKind);

/** Bounds of a run's length, in seconds of shopper load. */
export const CHAOS_MIN_DURATION_S = 10;
export const CHAOS_MAX_DURATION_S = 300;
/** Longest seed accepted (printed and replayable, so it stays short). */
export const CHAOS_MAX_SEED_LENGTH = 64;
/** Generated test shoppers a run drives: normal and VIP (their orders take the VIP queue). */
export const CHAOS_SHOPPERS = { normal: 6, vip: 2 } as const;

/** `POST /api/admin/chaos`. */
export interface ChaosStartRequest {
  durationSeconds: number;
  /** Seed of every random choice (faults, shopper actions); random when absent. */
  seed?: string;
  /** Fault kinds to inject; all of them when absent, none when empty. */
  faults?: ChaosFaultKind[];
}

/** What the gateway sends the supervisor: the request, completed, with the test shoppers' sessions. */
export interface ChaosStartCommand {
  runId: string;
  durationSeconds: number;
  seed: string;
  faults: ChaosFaultKind[];
  /** The operator who started the run (named in the faults it injects). */
  startedBy: string;
  shoppers: ChaosShopperSession[];
}

/** A generated test shopper the run acts as, through the REST API with this access token. */
export type ChaosShopperSession = Pick<AuthTokens, 'accessToken' | 'sessionId'> & {
  userId: string;
  email: string;
  tier: AuthTokens['user']['tier'];
};

/** Where a run is. `passed`/`failed` are the verdicts of a finished run; `error` a run that could not finish. */
export const ChaosPhase = {
  Preparing: 'preparing',
  Running: 'running',
  Draining: 'draining',
  Checking: 'checking',
  Passed: 'passed',
  Failed: 'failed',
  Error: 'error',
} as const;
export type ChaosPhase = (typeof ChaosPhase)[keyof typeof ChaosPhase];

/** Whether a run in this phase is over. */
export function isChaosRunOver(phase: ChaosPhase): boolean {
  return phase === 'passed' || phase === 'failed' || phase === 'error';
}

/** How a client's request ended (its last attempt). */
export const ChaosRequestKind = {
  Ok: 'ok',
  ClientError: 'client-error',
  RetryLater: 'retry-later',
  ServerError: 'server-error',
  Network: 'network',
  Timeout: 'timeout',
} as const;
export type ChaosRequestKind = (typeof ChaosRequestKind)[keyof typeof ChaosRequestKind];

/** One fault of the run. Times are ms since the load began. */
export interface ChaosFaultEvent {
  kind: ChaosFaultKind;
  description: string;
  atMs: number;
  /** Until when it lasted (instance serving again, injection cleared); absent while it lasts. */
  endMs?: number;
  outcome: 'active' | 'done' | 'skipped';
  note: string;
}

/** One invariant checked after the run, over the run's own orders. */
export interface ChaosInvariant {
  id: string;
  title: string;
  checkedWhat: string;
  checked: number;
  violations: number;
  /** The first violations, in words. */
  examples: string[];
}

/** A run as the admin API shows it (`GET /api/admin/chaos` and its stream). */
export interface ChaosRunState {
  id: string;
  seed: string;
  durationSeconds: number;
  faultKinds: ChaosFaultKind[];
  startedBy: string;
  phase: ChaosPhase;
  /** ISO 8601. */
  startedAt: string;
  /** When the load began and when it stopped (ISO 8601). */
  loadStartedAt?: string;
  loadStoppedAt?: string;
  finishedAt?: string;
  /** Set when an operator stopped the load before its duration. */
  stoppedEarlyBy?: string;
  /** ms since the load began (0 before it). */
  elapsedMs: number;
  shoppers: number;
  faults: ChaosFaultEvent[];
  /** Client requests by how they ended, and every HTTP attempt (retries included). */
  requests: Record<ChaosRequestKind, number>;
  attempts: number;
  /** Order requests: answered 2xx, refused (4xx), and with no definite answer. */
  orders: { placed: number; refused: number; unanswered: number };
  /** Faults the run injected into the cluster configuration that are still there (restored at the end). */
  configFaultsActive: number;
  invariants?: ChaosInvariant[];
  /** Why the run could not finish, or what went wrong at its end (a fault that could not be restored). */
  errors: string[];
}

/** `GET /api/admin/chaos`: the current or last run (null before the first one since the supervisor started). */
export interface ChaosStatus {
  run: ChaosRunState | null;
}

const SEED = /^[A-Za-z0-9._-]+$/;

/** What is wrong with a seed, or undefined when it is fine. */
export function chaosSeedProblem(seed: unknown): string | undefined {
  if (typeof seed !== 'string' || seed.length < 1 || seed.length > CHAOS_MAX_SEED_LENGTH || !SEED.test(seed))
    return `seed must be 1 to ${CHAOS_MAX_SEED_LENGTH} letters, digits, ".", "_" or "-"`;
  return undefined;
}

/**
 * What is wrong with a start command, or undefined when it is fine: the supervisor checks again what the
 * gateway sent (bounds, kinds, shopper sessions).
 */
export function chaosStartCommandProblem(cmd: unknown): string | undefined {
  const c = (typeof cmd === 'object' && cmd !== null ? cmd : {}) as Partial<
    Record<keyof ChaosStartCommand, unknown>
  >;
  const problems: string[] = [];
  if (typeof c.runId !== 'string' || !SEED.test(c.runId)) problems.push('runId must be a run id');
  const d = c.durationSeconds;
  if (typeof d !== 'number' || !Number.isInteger(d) || d < CHAOS_MIN_DURATION_S || d > CHAOS_MAX_DURATION_S)
    problems.push(
      `durationSeconds must be a whole number from ${CHAOS_MIN_DURATION_S} to ${CHAOS_MAX_DURATION_S}`,
    );
  const seed = chaosSeedProblem(c.seed);
  if (seed) problems.push(seed);
  if (
    !Array.isArray(c.faults) ||
    c.faults.some((k) => !(CHAOS_FAULT_KINDS as readonly unknown[]).includes(k))
  )
    problems.push(`faults must be a list of: ${CHAOS_FAULT_KINDS.join(', ')}`);
  if (typeof c.startedBy !== 'string' || c.startedBy === '')
    problems.push('startedBy must name the operator');
  const shoppers = c.shoppers;
  if (
    !Array.isArray(shoppers) ||
    shoppers.length === 0 ||
    shoppers.some(
      (s: Partial<ChaosShopperSession> | null) =>
        typeof s?.accessToken !== 'string' || typeof s.userId !== 'string' || typeof s.email !== 'string',
    )
  )
    problems.push('shoppers must be test shopper sessions (userId, email, accessToken)');
  return problems.length ? problems.join('; ') : undefined;
}
