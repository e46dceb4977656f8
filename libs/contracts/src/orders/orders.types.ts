import type { Money, Page } from '../inventory/inventory.types';
import type { PaymentStatus } from '../payment/payment.types';
import type { PriceBreakdown, ShippingMethod } from '../pricing/pricing';

/**
 * PLACED: the checkout saga is running. PENDING: confirmed (stock deducted, payment authorized) and
 * waiting in its priority queue. PROCESSING → COMPLETED: fulfilment. FAILED: terminal, with a reason.
 */
export const OrderStatus = {
  Placed: 'PLACED',
  Pending: 'PENDING',
  Processing: 'PROCESSING',
  Completed: 'COMPLETED',
  Failed: 'FAILED',
} as const;
export type OrderStatus = (typeof OrderStatus)[keyof typeof OrderStatus];

export const OrderPriority = { Vip: 'vip', Normal: 'normal' } as const;
export type OrderPriority = (typeof OrderPriority)[keyof typeof OrderPriority];

/** Where the checkout saga is; persisted after every step so another instance can take over. */
export const SagaStep = {
  Started: 'STARTED',
  StockDeducted: 'STOCK_DEDUCTED',
  PaymentAuthorized: 'PAYMENT_AUTHORIZED',
  Confirmed: 'CONFIRMED',
  Compensating: 'COMPENSATING',
  Compensated: 'COMPENSATED',
} as const;
export type SagaStep = (typeof SagaStep)[keyof typeof SagaStep];

export type ShippingStatus = 'not-shipped' | 'awaiting-fulfilment' | 'preparing' | 'shipped' | 'cancelled';

export interface OrderItemInput {
  productId: string;
  quantity: number;
}

export interface ShippingAddress {
  name: string;
  line1: string;
  city: string;
  postalCode: string;
  country: string;
}

export interface PlaceOrderRequest {
  /** Explicit items; when absent the shopper's cart is ordered. */
  items?: OrderItemInput[];
  /** Card number for the payment provider (test cards: see the payment service). Never stored. */
  cardNumber: string;
  shippingAddress?: ShippingAddress;
  /**
   * Where the order goes (ISO 3166-1 alpha-2): decides the tax rate. Defaults to the shipping address's
   * country, else the service's default country; must agree with the shipping address when both are given.
   */
  destinationCountry?: string;
  /** standard (default) or express. */
  shippingMethod?: ShippingMethod;
}

/** What a quote prices: the signed-in shopper's cart, sent to `destinationCountry` by `shippingMethod`. */
export interface QuoteRequest {
  destinationCountry?: string;
  shippingMethod?: ShippingMethod;
}

/** The breakdown the shopper's cart would be charged with now (prices of the cart's lines as last read). */
export interface PriceQuoteDto {
  breakdown: PriceBreakdown;
  /** Whether the VIP discount applies (the caller is a VIP shopper). */
  vip: boolean;
  itemCount: number;
}

export interface OrderLineDto {
  productId: string;
  name: string;
  quantity: number;
  unitPrice: Money;
  lineTotal: Money;
}

export interface OrderDto {
  id: string;
  userId: string;
  email: string;
  status: OrderStatus;
  priority: OrderPriority;
  sagaStep: SagaStep;
  /** Why the order failed (FAILED only). */
  failureReason?: string;
  failureCode?: string;
  items: OrderItemInput[];
  lines: OrderLineDto[];
  /** What the payment authorizes: the breakdown's total once the stock is deducted. */
  total: Money;
  /** How `total` was computed (set with the stock deduction; absent before it). */
  pricing?: PriceBreakdown;
  correlationId: string;
  createdAt: string;
  updatedAt: string;
  confirmedAt?: string;
  processingStartedAt?: string;
  completedAt?: string;
}

export interface TimelineEntryDto {
  step: string;
  outcome: 'ok' | 'failed' | 'info';
  instanceId: string;
  correlationId: string;
  detail?: string;
  at: string;
}

export interface OrderPaymentView {
  status: PaymentStatus | 'NONE';
  provider?: string;
  cardLast4?: string;
  reason?: string;
}

export interface OrderDetailDto extends OrderDto {
  lines: (OrderLineDto & { imageUrl?: string; sku?: string; category?: string })[];
  payment: OrderPaymentView;
  shipping: { status: ShippingStatus; address?: ShippingAddress };
  timeline: TimelineEntryDto[];
}

export interface ListOrdersRequest {
  page?: number;
  pageSize?: number;
  /** Admins only: every shopper's orders (default for admins), or one user's. */
  userId?: string;
  status?: OrderStatus;
}

export type OrderPage = Page<OrderDto>;

export interface PriorityQueueMetrics {
  priority: OrderPriority;
  /** Confirmed orders waiting to be taken. */
  depth: number;
  /** Orders being fulfilled now. */
  processing: number;
  /** Completions per second over the last minute (all instances). */
  ratePerSecond: number;
  completedLastMinute: number;
  /** Queue wait (confirmed → taken by a worker) over the last 5 minutes, in ms. */
  avgWaitMs: number;
  p95WaitMs: number;
  p99WaitMs: number;
}

export interface QueueMetricsDto {
  queues: PriorityQueueMetrics[];
  weights: { vipWeight: number; normalWeight: number; strict: boolean };
  fulfilmentMs: number;
  /** Worker slots of the instance that answered. */
  workers: { instanceId: string; vipDedicated: number; shared: number; busy: number };
  at: string;
}
