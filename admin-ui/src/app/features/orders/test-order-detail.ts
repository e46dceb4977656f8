import type { AdminOrderDetail, LogEntry, TimelineEntryDto } from '@shop/contracts';
import { adminOrder } from './test-orders';

const ID = 'a1b2c3d4-0000-4000-8000-000000000001';

function step(step: string, outcome: TimelineEntryDto['outcome'], at: string, correlationId = 'corr-1') {
  return { step, outcome, instanceId: 'orders-1', correlationId, at: `2026-11-23T12:00:${at}Z` };
}

/** A declined order: checkout, then its compensation, the payment record, and a sweeper's later step. */
export function declinedOrderDetail(): AdminOrderDetail {
  return {
    order: {
      ...adminOrder({ id: ID, status: 'FAILED', failureReason: 'The card was declined' }),
      sagaStep: 'COMPENSATED',
      payment: { status: 'DECLINED', provider: 'simulated', cardLast4: '0002' },
      shipping: { status: 'cancelled' },
      timeline: [
        step('ORDER_PLACED', 'ok', '00.100'),
        step('STOCK_DEDUCTED', 'ok', '00.200'),
        { ...step('AUTHORIZE_PAYMENT', 'failed', '00.300'), detail: 'PAYMENT_DECLINED: declined' },
        step('COMPENSATION_STARTED', 'info', '00.400'),
        { ...step('STOCK_RESTORED', 'ok', '00.500'), instanceId: 'orders-2' },
        step('FAILED', 'failed', '00.600', 'corr-sweep'),
      ],
    },
    payment: {
      id: 'pay-1',
      orderId: ID,
      status: 'DECLINED',
      amountMinor: 1500,
      currency: 'USD',
      provider: 'simulated',
      cardLast4: '0002',
      reason: 'The card was declined',
      createdAt: '2026-11-23T12:00:00.300Z',
      updatedAt: '2026-11-23T12:00:00.300Z',
    },
  };
}

export function logLine(id: string, overrides: Partial<LogEntry> = {}): LogEntry {
  return {
    id,
    seq: 1,
    time: '2026-11-23T12:00:00.250Z',
    level: 'info',
    service: 'orders',
    instanceId: 'orders-1',
    message: `line ${id}`,
    correlationId: 'corr-1',
    ...overrides,
  };
}
