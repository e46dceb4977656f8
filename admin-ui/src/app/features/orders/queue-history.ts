import type { OrderPriority, QueueMetricsDto } from '@shop/contracts';
import {
  EMPTY_TIME_SERIES,
  type Point,
  type TimeSeries,
  type WindowOptions,
  appendRow,
} from '../../core/charts/time-series';

/** The queue charts show the last three minutes (a burst rising and draining); a 5 s pause breaks the lines. */
export const QUEUE_WINDOW: WindowOptions = { windowMs: 180_000, gapMs: 5_000 };

export const PRIORITY_LABEL: Record<OrderPriority, string> = { vip: 'VIP', normal: 'normal' };
/** The queue colours of the Order Interface: VIP amber, normal teal. */
export const PRIORITY_COLOURS: Record<OrderPriority, string> = { vip: '#f59e0b', normal: '#0d9488' };

/** The priority queues over time, one series per priority, from the queue samples (one a second). */
export interface QueueHistory {
  /** Orders waiting to be taken. */
  depth: TimeSeries;
  /** Average wait (confirmed → taken by a worker) over the last 5 minutes, in ms. */
  wait: TimeSeries;
  /** Orders completed in the last minute. */
  completed: TimeSeries;
}

export const EMPTY_QUEUE_HISTORY: QueueHistory = {
  depth: EMPTY_TIME_SERIES,
  wait: EMPTY_TIME_SERIES,
  completed: EMPTY_TIME_SERIES,
};

/** Adds one queue sample to the history (at the time the orders service took it). */
export function addQueueSample(
  history: QueueHistory,
  metrics: QueueMetricsDto,
  window: WindowOptions = QUEUE_WINDOW,
): QueueHistory {
  const at = Date.parse(metrics.at);
  if (!Number.isFinite(at)) return history;
  const points = (pick: (q: QueueMetricsDto['queues'][number]) => number): Point[] =>
    metrics.queues.map((q) => ({ key: q.priority, label: PRIORITY_LABEL[q.priority], value: pick(q) }));
  return {
    depth: appendRow(
      history.depth,
      at,
      points((q) => q.depth),
      window,
    ),
    wait: appendRow(
      history.wait,
      at,
      points((q) => q.avgWaitMs),
      window,
    ),
    completed: appendRow(
      history.completed,
      at,
      points((q) => q.completedLastMinute),
      window,
    ),
  };
}
