import { Money, OrderDto, OrderEventPayload, OrderLineDto } from '@shop/contracts';
import { OrderEntity } from './order.entity';

/** One order line: `quantity` units at `unitPrice`, with its total. */
export function orderLine(line: Omit<OrderLineDto, 'lineTotal'>): OrderLineDto {
  const { productId, name, quantity, unitPrice } = line;
  return {
    productId,
    name,
    quantity,
    unitPrice,
    lineTotal: { amountMinor: unitPrice.amountMinor * quantity, currency: unitPrice.currency },
  };
}

/** The total of an order's lines (in the currency of its first line; USD for no lines). */
export function orderTotal(lines: readonly OrderLineDto[]): Money {
  return {
    amountMinor: lines.reduce((sum, l) => sum + l.lineTotal.amountMinor, 0),
    currency: lines[0]?.unitPrice.currency ?? 'USD',
  };
}

export function toOrderDto(order: OrderEntity): OrderDto {
  return {
    id: order.id,
    userId: order.userId,
    email: order.email,
    status: order.status,
    priority: order.priority,
    sagaStep: order.sagaStep,
    failureReason: order.failureReason ?? undefined,
    failureCode: order.failureCode ?? undefined,
    items: order.items,
    lines: order.lines,
    total: { amountMinor: order.totalMinor, currency: order.currency },
    ...(order.pricing && { pricing: order.pricing }),
    correlationId: order.correlationId,
    createdAt: order.createdAt.toISOString(),
    updatedAt: order.updatedAt.toISOString(),
    confirmedAt: order.confirmedAt?.toISOString(),
    processingStartedAt: order.processingStartedAt?.toISOString(),
    completedAt: order.completedAt?.toISOString(),
  };
}

/** The payload of every order event in the outbox (ORDER_CREATED, _CONFIRMED, _PROCESSING, _COMPLETED, _FAILED). */
export function orderEventPayload(order: OrderEntity): OrderEventPayload {
  return {
    orderId: order.id,
    userId: order.userId,
    email: order.email,
    priority: order.priority,
    status: order.status,
    totalMinor: order.totalMinor,
    currency: order.currency,
    correlationId: order.correlationId,
    reason: order.failureReason ?? undefined,
  };
}
