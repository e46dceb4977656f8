import type { OrderDetailDto, OrderDto } from '@shop/contracts';

export function order(overrides: Partial<OrderDto> = {}): OrderDto {
  return {
    id: 'a1b2c3d4-0000-4000-8000-000000000001',
    userId: 'u-vip',
    email: 'vip@shop.local',
    status: 'PENDING',
    priority: 'vip',
    sagaStep: 'CONFIRMED',
    items: [{ productId: 'p-1', quantity: 2 }],
    lines: [
      {
        productId: 'p-1',
        name: 'Desk lamp',
        quantity: 2,
        unitPrice: { amountMinor: 1500, currency: 'USD' },
        lineTotal: { amountMinor: 3000, currency: 'USD' },
      },
    ],
    total: { amountMinor: 3000, currency: 'USD' },
    correlationId: 'corr-1',
    createdAt: '2026-11-23T12:00:00.000Z',
    updatedAt: '2026-11-23T12:00:01.000Z',
    ...overrides,
  };
}

export function orderDetail(overrides: Partial<OrderDetailDto> = {}): OrderDetailDto {
  return {
    ...order(),
    payment: { status: 'AUTHORIZED', provider: 'simulated', cardLast4: '4242' },
    shipping: { status: 'awaiting-fulfilment' },
    timeline: [
      {
        step: 'STARTED',
        outcome: 'info',
        instanceId: 'orders-1',
        correlationId: 'corr-1',
        at: '2026-11-23T12:00:00.010Z',
      },
      {
        step: 'STOCK_DEDUCTED',
        outcome: 'ok',
        instanceId: 'orders-1',
        correlationId: 'corr-1',
        at: '2026-11-23T12:00:00.050Z',
      },
      {
        step: 'PAYMENT_AUTHORIZED',
        outcome: 'ok',
        instanceId: 'orders-2',
        correlationId: 'corr-1',
        detail: 'simulated · 4242',
        at: '2026-11-23T12:00:00.090Z',
      },
    ],
    ...overrides,
  };
}
