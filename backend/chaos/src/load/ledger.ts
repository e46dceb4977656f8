import { SIMULATED_TEST_CARDS } from '@shop/contracts';
import { ExchangeKind } from './recorder';

/** The simulated provider's test cards the shoppers pay with (see backend/payment/src/provider). */
export type CardKind = keyof typeof SIMULATED_TEST_CARDS;

/** Share of orders paid with each test card. */
export const CARD_MIX: Readonly<Record<CardKind, number>> = {
  approve: 70,
  decline: 8,
  insufficientFunds: 5,
  slow: 10,
  providerError: 7,
};

/** One checkout as the shopper saw it: every attempt carried the same Idempotency-Key. */
export interface OrderAttempt {
  userId: string;
  key: string;
  fromCart: boolean;
  card: CardKind;
  /** Explicit items (absent for an order of the cart). */
  items?: { productId: string; quantity: number }[];
  atMs: number;
  attempts: number;
  /** How the last attempt ended. */
  kind: ExchangeKind;
  status?: number;
  code?: string;
  /** The order's id, from the answer (2xx body, or an error's details). */
  orderId?: string;
  /** The order status a 2xx answer carried. */
  answeredStatus?: string;
}

/** One admin restock: PUT /api/inventory/{id} with the version read just before. */
export interface Restock {
  productId: string;
  atMs: number;
  expectedVersion: number;
  fromOnHand: number;
  toOnHand: number;
  /**
   * applied: a 2xx answer (a retry cannot apply twice: the version would no longer match), or no definite
   * answer and the stock read after it shows exactly this change; not-applied: 409 on the first attempt, or
   * the version read after it unchanged or taken by another change; unknown: the stock read could not tell.
   */
  outcome: 'applied' | 'not-applied' | 'unknown';
}
