import type { UserDto } from '../auth/auth.types';
import type { UserTier } from '../auth/auth-claims';
import type { ErrorCode } from '../errors';
import type { OrderDetailDto, OrderDto, OrderItemInput } from '../orders/orders.types';
import type { PaymentDto, PaymentProviderStatus } from '../payment/payment.types';
import type { PaymentOutage } from './cluster-config';

/** `GET /api/admin/orders/:id`: the order with its saga timeline, and its payment record as stored. */
export interface AdminOrderDetail {
  order: OrderDetailDto;
  /** The payment service's record of the order (null when the order never reached payment). */
  payment: PaymentDto | null;
  /** Set when the payment service did not answer in time. */
  paymentError?: string;
}

/** Limits of `POST /api/admin/test-orders`. */
export const MAX_TEST_ORDERS = 100;
export const MAX_TEST_SHOPPERS = 10;

/**
 * `POST /api/admin/test-orders`: orders placed for generated test shoppers of `tier` (accounts flagged as
 * test accounts, with no password: nobody can sign in as them).
 */
export interface TestOrdersRequest {
  tier: UserTier;
  /** How many orders (default 1). */
  count?: number;
  /** How many test shoppers of the tier share the orders, round robin (default 1). */
  shoppers?: number;
  /** Card for every order (default: the simulated provider's approving card). */
  cardNumber?: string;
  /** The items of every order; by default each order takes one or two random products in stock. */
  items?: OrderItemInput[];
}

/** How one test order ended. */
export interface TestOrderOutcome {
  idempotencyKey: string;
  shopperEmail: string;
  outcome: 'placed' | 'failed';
  order?: OrderDto;
  /** Why it failed, as the order route would have answered (status, code and message). */
  error?: { statusCode: number; code: ErrorCode; message: string; details?: Record<string, unknown> };
}

export interface TestOrdersResult {
  tier: UserTier;
  shoppers: UserDto[];
  orders: TestOrderOutcome[];
  placed: number;
  failed: number;
}

/** `GET /api/admin/payment/provider` (and its stream): the outage switch and every payment instance's breaker. */
export interface PaymentProviderOverview {
  outage: PaymentOutage;
  instances: PaymentProviderStatus[];
  /** Payment instances that did not answer. */
  unreachable: string[];
  at: string;
}
