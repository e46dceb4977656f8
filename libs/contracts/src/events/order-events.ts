import { eventType } from '../rpc';
import type { OrderPriority, OrderStatus } from '../orders/orders.types';

/** Fields every order event carries, so consumers (e-mail, SSE, admin stream) need no lookup. */
export interface OrderEventPayload {
  orderId: string;
  userId: string;
  email: string;
  priority: OrderPriority;
  status: OrderStatus;
  totalMinor: number;
  currency: string;
  correlationId: string;
  /** Why the order failed (ORDER_FAILED only). */
  reason?: string;
}

export const OrderCreated = eventType<OrderEventPayload>('ORDER_CREATED');
export const OrderConfirmed = eventType<OrderEventPayload>('ORDER_CONFIRMED');
export const OrderFailed = eventType<OrderEventPayload>('ORDER_FAILED');
export const OrderProcessing = eventType<OrderEventPayload>('ORDER_PROCESSING');
export const OrderCompleted = eventType<OrderEventPayload>('ORDER_COMPLETED');

/** Event types that change an order's status (what the shopper's order stream forwards). */
export const ORDER_STATUS_EVENTS: readonly string[] = [
  OrderCreated.type,
  OrderConfirmed.type,
  OrderFailed.type,
  OrderProcessing.type,
  OrderCompleted.type,
];
