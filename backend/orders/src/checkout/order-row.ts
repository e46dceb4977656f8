import {
  CartLineQuantity,
  OrderDto,
  OrderEventPayload,
  OrderItemInput,
  OrderLineDto,
  OrderPriority,
  OrderStatus,
  SagaStep,
  ShippingAddress,
} from '@shop/contracts';

/** One row of orders.orders as PostgreSQL returns it. */
export interface OrderRow {
  id: string;
  user_id: string;
  email: string;
  priority: OrderPriority;
  status: OrderStatus;
  saga_step: SagaStep;
  idempotency_key: string;
  request_hash: string;
  items: OrderItemInput[];
  lines: OrderLineDto[];
  from_cart: boolean;
  /** What the order takes out of the shopper's cart (recorded with the stock deduction). */
  cart_lines: CartLineQuantity[];
  shipping: ShippingAddress | null;
  currency: string;
  total_minor: string;
  failure_code: string | null;
  failure_reason: string | null;
  retry_after_s: number | null;
  correlation_id: string;
  lease_owner: string | null;
  lease_until: Date | null;
  created_at: Date;
  updated_at: Date;
  confirmed_at: Date | null;
  processing_started_at: Date | null;
  completed_at: Date | null;
}

export const TERMINAL_SAGA: readonly OrderStatus[] = ['PENDING', 'PROCESSING', 'COMPLETED', 'FAILED'];

export function toOrderDto(row: OrderRow): OrderDto {
  return {
    id: row.id,
    userId: row.user_id,
    email: row.email,
    status: row.status,
    priority: row.priority,
    sagaStep: row.saga_step,
    failureReason: row.failure_reason ?? undefined,
    failureCode: row.failure_code ?? undefined,
    items: row.items,
    lines: row.lines,
    total: { amountMinor: Number(row.total_minor), currency: row.currency },
    correlationId: row.correlation_id,
    createdAt: iso(row.created_at)!,
    updatedAt: iso(row.updated_at)!,
    confirmedAt: iso(row.confirmed_at),
    processingStartedAt: iso(row.processing_started_at),
    completedAt: iso(row.completed_at),
  };
}

export function orderEventPayload(row: OrderRow, correlationId = row.correlation_id): OrderEventPayload {
  return {
    orderId: row.id,
    userId: row.user_id,
    email: row.email,
    priority: row.priority,
    status: row.status,
    totalMinor: Number(row.total_minor),
    currency: row.currency,
    correlationId,
    reason: row.failure_reason ?? undefined,
  };
}

function iso(d: Date | null): string | undefined {
  return d ? new Date(d).toISOString() : undefined;
}
