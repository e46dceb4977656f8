/** What the payment service asks of a provider (the simulated one, or a real one such as Stripe). */
export interface ProviderCharge {
  /** Our idempotency reference (the order id): a real provider gets it as its idempotency key. */
  reference: string;
  amountMinor: number;
  currency: string;
  cardNumber: string;
}

/** A business answer of the provider: approved, or declined with a reason. */
export type ProviderOutcome =
  { approved: true; providerRef: string } | { approved: false; reason: string; declineCode: string };

/** The provider could not answer (outage, error, timeout): nothing was charged. Counts against the breaker. */
export class PaymentProviderError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PaymentProviderError';
  }
}

export interface PaymentProvider {
  readonly name: string;
  authorize(charge: ProviderCharge): Promise<ProviderOutcome>;
  /** Releases an authorization (compensation); idempotent. */
  void(providerRef: string): Promise<void>;
}
