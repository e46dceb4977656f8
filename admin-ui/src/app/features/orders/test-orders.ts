import type { OrderDto, QueueMetricsDto } from '@shop/contracts';

export function adminOrder(overrides: Partial<OrderDto> = {}): OrderDto {
  return {
    id: 'a1b2c3d4-0000-4000-8000-000000000001',
    userId: 'u-vip',
    email: 'vip@shop.local',
    status: 'PENDING',
    priority: 'vip',
    sagaStep: 'CONFIRMED',
    items: [{ productId: 'p-1', quantity: 1 }],
    lines: [],
    total: { amountMinor: 1500, currency: 'USD' },
    correlationId: 'corr-1',
    createdAt: '2026-11-23T12:00:00.000Z',
    updatedAt: '2026-11-23T12:00:01.000Z',
    ...overrides,
  };
}

export function queueMetrics(): QueueMetricsDto {
  return {
    queues: [
      {
        priority: 'normal',
        depth: 1200,
        processing: 2,
        ratePerSecond: 3.5,
        completedLastMinute: 210,
        avgWaitMs: 8000,
        p95WaitMs: 15000,
        p99WaitMs: 17000,
      },
      {
        priority: 'vip',
        depth: 3,
        processing: 4,
        ratePerSecond: 12.25,
        completedLastMinute: 735,
        avgWaitMs: 12,
        p95WaitMs: 48,
        p99WaitMs: 80,
      },
    ],
    weights: { vipWeight: 4, normalWeight: 1, strict: false },
    fulfilmentMs: 500,
    workers: { instanceId: 'orders-1', vipDedicated: 2, shared: 4, busy: 6 },
    at: '2026-11-23T12:00:00.000Z',
  };
}
