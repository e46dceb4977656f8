import type { LogEntry } from '@shop/contracts';

export function logEntry(overrides: Partial<LogEntry> = {}): LogEntry {
  return {
    id: '100-0',
    seq: 100,
    time: '2026-11-23T12:00:00.123Z',
    level: 'info',
    service: 'orders',
    instanceId: 'orders-1',
    message: 'Order placed',
    correlationId: 'corr-abc',
    context: 'Checkout',
    ...overrides,
  };
}
