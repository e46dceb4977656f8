import type { QueueMetricsDto } from '@shop/contracts';
import { EMPTY_QUEUE_HISTORY, addQueueSample } from './queue-history';
import { queueMetrics } from './test-orders';

function sample(s: number, vipDepth: number, normalDepth: number): QueueMetricsDto {
  const m = queueMetrics();
  return {
    ...m,
    at: new Date(Date.parse('2026-11-23T12:00:00.000Z') + s * 1000).toISOString(),
    queues: m.queues.map((q) => ({
      ...q,
      depth: q.priority === 'vip' ? vipDepth : normalDepth,
      completedLastMinute: q.completedLastMinute + s,
    })),
  };
}

describe('queue history', () => {
  it('builds depth, wait and completions per priority from the stream samples', () => {
    let h = addQueueSample(EMPTY_QUEUE_HISTORY, sample(0, 20, 40));
    h = addQueueSample(h, sample(1, 5, 38));
    h = addQueueSample(h, sample(2, 0, 30));
    expect(h.depth.series).toEqual([
      { key: 'normal', label: 'normal', values: [40, 38, 30] },
      { key: 'vip', label: 'VIP', values: [20, 5, 0] },
    ]);
    expect(h.wait.series.find((s) => s.key === 'vip')?.values).toEqual([12, 12, 12]);
    expect(h.completed.series.find((s) => s.key === 'normal')?.values).toEqual([210, 211, 212]);
    expect(h.depth.times).toHaveLength(3);
  });

  it('skips a sample without a valid time and one that is not newer than the last', () => {
    const h = addQueueSample(EMPTY_QUEUE_HISTORY, sample(5, 1, 1));
    expect(addQueueSample(h, { ...sample(6, 2, 2), at: 'soon' })).toBe(h);
    expect(addQueueSample(h, sample(4, 9, 9)).depth).toBe(h.depth);
  });
});
