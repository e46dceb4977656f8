import { defineService, rpc } from '../rpc';
import type { PricingSummaryDto } from '../pricing/pricing';
import {
  ListOrdersRequest,
  OrderDetailDto,
  OrderDto,
  OrderPage,
  PlaceOrderRequest,
  PriceQuoteDto,
  QueueMetricsDto,
  QuoteRequest,
} from './orders.types';

/**
 * The orders service. `placeOrder` needs the caller (a signed-in shopper) and an idempotency key in the
 * request context; it answers once the saga has reached a terminal state, within the caller's deadline. A
 * failed checkout answers an error whose details carry `orderId` and `reason`; a checkout still running at
 * the deadline answers BUSY whose details carry `orderInProgress` (the order id) and `retryAfterSeconds`: the
 * same key asked again returns its outcome.
 */
export const OrdersRpc = defineService('orders', {
  placeOrder: rpc<PlaceOrderRequest, OrderDto>('write', 30_000),
  listOrders: rpc<ListOrdersRequest, OrderPage>('read'),
  getOrder: rpc<{ id: string }, OrderDetailDto>('read'),
  queueMetrics: rpc<Record<string, never>, QueueMetricsDto>('read'),
  /** The signed-in shopper's cart priced by the rules its order would be charged with. */
  quote: rpc<QuoteRequest, PriceQuoteDto>('read'),
  /** The public pricing rules (VIP discount, shipping threshold and rates, tax table). */
  pricingSummary: rpc<Record<string, never>, PricingSummaryDto>('read'),
});
