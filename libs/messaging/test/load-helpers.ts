import { createContext } from '@shop/common';
import { EchoResponse, platformContract } from '@shop/contracts';
import { CallResult, MessagingRuntime } from '@shop/messaging';

export const inventory = platformContract('inventory');

export interface LoadOutcome {
  results: (CallResult<EchoResponse> & { at: number })[];
  failures: Error[];
}

/** One echo request through the observer's real client (balancer, breakers, retries). */
export function echo(caller: MessagingRuntime): Promise<CallResult<EchoResponse>> {
  return caller.client.callDetailed(inventory.echo, { message: 'ping' }, createContext());
}

/** Sends `total` echo requests with `concurrency` in flight, and records every answer and failure. */
export async function sendRequests(
  caller: MessagingRuntime,
  total: number,
  concurrency = 1,
): Promise<LoadOutcome> {
  let started = 0;
  return runWorkers(caller, concurrency, () => started++ < total);
}

/** Keeps `concurrency` workers sending echo requests until `keepGoing()` turns false. */
export async function runWorkers(
  caller: MessagingRuntime,
  concurrency: number,
  keepGoing: () => boolean,
  pauseMs = 0,
): Promise<LoadOutcome> {
  const outcome: LoadOutcome = { results: [], failures: [] };
  const worker = async () => {
    while (keepGoing()) {
      try {
        const result = await echo(caller);
        outcome.results.push({ ...result, at: Date.now() });
      } catch (err) {
        outcome.failures.push(err as Error);
      }
      if (pauseMs > 0) await new Promise((r) => setTimeout(r, pauseMs));
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return outcome;
}

/** How many answers each instance gave. */
export function countByInstance(outcome: LoadOutcome): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of outcome.results) counts[r.value.instanceId] = (counts[r.value.instanceId] ?? 0) + 1;
  return counts;
}
