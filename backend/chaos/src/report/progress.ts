import { FaultRunner } from '../faults/fault-runner';
import { OrderAttempt } from '../load/ledger';
import { Recorder } from '../load/recorder';

/** The line printed every few seconds while the load runs. */
export function progressLine(
  recorder: Recorder,
  orders: readonly OrderAttempt[],
  faults: FaultRunner,
): string {
  const t = recorder.now() / 1000;
  const k = recorder.countKinds();
  const n = recorder.exchanges.length;
  const f = (['kill', 'latency', 'errors', 'nats', 'postgres'] as const).map(
    (kind) => `${kind} ${faults.count(kind)}`,
  );
  return (
    `  [${t.toFixed(0).padStart(4)} s] ${recorder.requests.length} requests (${(recorder.requests.length / Math.max(1, t)).toFixed(1)}/s), ` +
    `${n} exchanges: ok ${k.ok}, 4xx ${k['client-error']}, 503+RA ${k['retry-later']}, other 5xx ${k['server-error']}, ` +
    `network ${k.network}, timeout ${k.timeout} | ${orders.length} checkouts | faults: ${f.join(', ')}`
  );
}
