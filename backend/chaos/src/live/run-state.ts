import {
  CHAOS_FAULT_KINDS,
  ChaosFaultEvent,
  ChaosFaultKind,
  ChaosInvariant,
  ChaosRequestKind,
  ChaosRunState,
} from '@shop/contracts';
import { InvariantResult } from '../checks/invariants';
import { ActiveFault, InjectedFault } from '../faults/fault-runner';
import { OrderAttempt } from '../load/ledger';
import { RequestRecord } from '../load/recorder';

/** Violations shown per invariant; the count says how many there were. */
export const INVARIANT_EXAMPLES = 5;

/** Client requests by how their last attempt ended. */
export function requestCounts(requests: readonly RequestRecord[]): Record<ChaosRequestKind, number> {
  const counts: Record<ChaosRequestKind, number> = {
    ok: 0,
    'client-error': 0,
    'retry-later': 0,
    'server-error': 0,
    network: 0,
    timeout: 0,
  };
  for (const r of requests) counts[r.kind]++;
  return counts;
}

/** Order requests: answered 2xx, refused with a 4xx, and the rest (5xx, no answer): outcome unknown to the shopper. */
export function orderCounts(orders: readonly OrderAttempt[]): ChaosRunState['orders'] {
  let placed = 0;
  let refused = 0;
  for (const o of orders) {
    if (o.status !== undefined && o.status >= 200 && o.status < 300) placed++;
    else if (o.status !== undefined && o.status >= 400 && o.status < 500) refused++;
  }
  return { placed, refused, unanswered: orders.length - placed - refused };
}

const isChaosKind = (kind: string): kind is ChaosFaultKind =>
  (CHAOS_FAULT_KINDS as readonly string[]).includes(kind);

/** The run's faults, over and still active, in the order they were injected. */
export function faultEvents(
  injected: readonly InjectedFault[],
  active: readonly ActiveFault[],
): ChaosFaultEvent[] {
  const events: ChaosFaultEvent[] = [];
  for (const f of injected)
    if (isChaosKind(f.kind))
      events.push({
        kind: f.kind,
        description: f.description,
        atMs: f.atMs,
        endMs: f.endMs,
        outcome: f.outcome,
        note: f.note,
      });
  for (const f of active)
    if (isChaosKind(f.kind))
      events.push({ kind: f.kind, description: f.description, atMs: f.atMs, outcome: 'active', note: '' });
  return events.sort((a, b) => a.atMs - b.atMs);
}

export function toChaosInvariant(result: InvariantResult): ChaosInvariant {
  return {
    id: result.id,
    title: result.title,
    checkedWhat: result.checkedWhat,
    checked: result.checked,
    violations: result.violations.length,
    examples: result.violations.slice(0, INVARIANT_EXAMPLES),
  };
}

/** Passed when every invariant holds and nothing went wrong at the end (every injected fault restored). */
export function verdict(
  invariants: readonly ChaosInvariant[],
  errors: readonly string[],
): 'passed' | 'failed' {
  return errors.length === 0 && invariants.every((i) => i.violations === 0) ? 'passed' : 'failed';
}
