import type { BreakerState } from '../platform/health';

export const PaymentStatus = {
  Authorized: 'AUTHORIZED',
  Declined: 'DECLINED',
  /** The provider failed (error or outage): nothing was charged. */
  Failed: 'FAILED',
  /** Authorization released (compensation) or refused in advance for a cancelled order. */
  Voided: 'VOIDED',
} as const;
export type PaymentStatus = (typeof PaymentStatus)[keyof typeof PaymentStatus];

export interface AuthorizePaymentRequest {
  orderId: string;
  amountMinor: number;
  currency: string;
  cardNumber: string;
}

export interface PaymentDto {
  id: string;
  orderId: string;
  status: PaymentStatus;
  amountMinor: number;
  currency: string;
  provider: string;
  cardLast4: string;
  /** Decline or failure reason, for the shopper. */
  reason?: string;
  /** The provider's reference of the authorization. */
  providerRef?: string;
  /** FAILED because the provider is down or its circuit breaker is open: the caller may retry later. */
  providerUnavailable?: boolean;
  retryAfterSeconds?: number;
  createdAt: string;
  updatedAt: string;
}

export interface VoidPaymentRequest {
  orderId: string;
  reason: string;
}

export interface PaymentProviderStatus {
  instanceId: string;
  provider: string;
  breaker: BreakerState;
  consecutiveFailures: number;
  /** When the open breaker lets a probe through. */
  halfOpenAt?: string;
  /** Total provider calls (charges, no cached answers) made by this instance. */
  providerCalls: number;
}

/**
 * Test cards of the simulated provider (`simulated`). Any other well-formed number is approved.
 * Modeled on common payment-provider sandboxes; no real money moves.
 */
export const SIMULATED_TEST_CARDS = {
  approve: '4242424242424242',
  decline: '4000000000000002',
  insufficientFunds: '4000000000009995',
  slow: '4000000000000077',
  providerError: '4000000000000119',
} as const;
