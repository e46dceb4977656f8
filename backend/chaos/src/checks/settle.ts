import { sleep } from '../load/caller';
import { AuditScope, Auditor } from './auditor';

/** The bound of the saga invariant: every checkout terminal this long after the last request. */
export const SETTLE_MS = 30_000;

/**
 * Waits until no order (of the scope, when given) is PLACED, PENDING or PROCESSING, every outbox row is
 * published and, without a scope, every durable consumer has caught up, or SETTLE_MS after `since`.
 * Returns when the last checkout saga ended (ms after `since`), or SETTLE_MS + 1 when some never did.
 * A scoped run leaves the consumers out: on a shared cluster they serve other traffic (or are not running),
 * and the checks of a run's orders do not read what they record.
 */
export async function settle(auditor: Auditor, since: number, scope?: AuditScope): Promise<number> {
  let sagasDoneAt: number | undefined;
  while (Date.now() - since < SETTLE_MS) {
    const counts = await auditor.orderStatusCounts(scope).catch(() => undefined);
    if (counts && !counts.PLACED) sagasDoneAt ??= Date.now() - since;
    const busy =
      !counts ||
      (counts.PLACED ?? 0) + (counts.PENDING ?? 0) + (counts.PROCESSING ?? 0) > 0 ||
      (await auditor.unpublishedOutbox().catch(() => 1)) > 0 ||
      (!scope &&
        (await auditor.consumers().catch(() => [{ pending: 1, ackPending: 0 }])).some(
          (c) => c.pending + c.ackPending > 0,
        ));
    if (!busy) break;
    await sleep(500);
  }
  return sagasDoneAt ?? SETTLE_MS + 1;
}
