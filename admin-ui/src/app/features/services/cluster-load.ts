import { SERVICE_NAMES, type ClusterHealth, type InstanceHealth, type ServiceName } from '@shop/contracts';
import {
  EMPTY_TIME_SERIES,
  type Point,
  type TimeSeries,
  type WindowOptions,
  appendRow,
} from '../../core/charts/time-series';

/** The charts show the last minute; a pause of more than 5 s in the pictures breaks the lines. */
export const LOAD_WINDOW: WindowOptions = { windowMs: 60_000, gapMs: 5_000 };

/** The served counter of one instance's incarnation, as of its last heartbeat. */
interface Counter {
  bootId: string;
  served: number;
  sentAt: number;
  rate: number | null;
}

/** Load of the whole cluster over the last minute, built from the health pictures (one a second). */
export interface ClusterLoad {
  /** Requests served per second by each instance (from its heartbeats), per service. */
  rates: Readonly<Record<ServiceName, TimeSeries>>;
  /** p99 latency (ms) of each service: the highest p99 among its instances that are not down. */
  p99: TimeSeries;
  counters: ReadonlyMap<string, Counter>;
}

export const EMPTY_CLUSTER_LOAD: ClusterLoad = {
  rates: Object.fromEntries(SERVICE_NAMES.map((name) => [name, EMPTY_TIME_SERIES])) as Record<
    ServiceName,
    TimeSeries
  >,
  p99: EMPTY_TIME_SERIES,
  counters: new Map(),
};

/**
 * The rate of one instance between its last two heartbeats that this console saw. Every instance counts
 * what it serves, whichever gateway or service sent it, so the figures cover the whole cluster. A down
 * instance has no rate (its line breaks); a restarted one (a new boot id, its counter from zero) has none
 * until its second heartbeat; the same heartbeat seen twice keeps the rate it gave.
 */
function rateOf(inst: InstanceHealth, before: Counter | undefined): Counter | undefined {
  if (inst.status === 'down') return undefined;
  const sentAt = Date.parse(inst.sentAt);
  const same = before?.bootId === inst.bootId;
  if (same && sentAt === before.sentAt) return before;
  const rate =
    same && sentAt > before.sentAt && inst.served >= before.served
      ? Math.round(((inst.served - before.served) * 10_000) / (sentAt - before.sentAt)) / 10
      : null;
  return { bootId: inst.bootId, served: inst.served, sentAt, rate };
}

/** Adds one health picture to the load history. */
export function addPicture(
  load: ClusterLoad,
  picture: ClusterHealth,
  window: WindowOptions = LOAD_WINDOW,
): ClusterLoad {
  const at = Date.parse(picture.generatedAt);
  const counters = new Map<string, Counter>();
  const rates = { ...load.rates };
  const p99: Point[] = [];
  for (const service of picture.services) {
    const points: Point[] = [];
    let slowest: number | null = null;
    for (const inst of service.instances) {
      const counter = rateOf(inst, load.counters.get(inst.instanceId));
      if (counter) counters.set(inst.instanceId, counter);
      points.push({ key: inst.instanceId, label: inst.instanceId, value: counter?.rate ?? null });
      if (inst.status !== 'down' && (slowest === null || inst.latencyP99Ms > slowest))
        slowest = inst.latencyP99Ms;
    }
    rates[service.name] = appendRow(load.rates[service.name] ?? EMPTY_TIME_SERIES, at, points, window);
    p99.push({ key: service.name, label: service.name, value: slowest });
  }
  return { rates, p99: appendRow(load.p99, at, p99, window), counters };
}
