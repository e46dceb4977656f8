/**
 * Why a checkout failed, in the terms the shopper gets (code → HTTP status at the gateway). A failure the
 * shopper may retry later (payment provider down, breaker open, interrupted checkout) is BUSY (503 with
 * Retry-After), never UNAVAILABLE: the orders instance answering is healthy, and callers' per-instance
 * breakers count UNAVAILABLE answers as failures of the instance itself.
 */
export interface CheckoutFailure {
  step: string;
  code: string;
  reason: string;
  retryAfterSeconds?: number;
}

/** What compensation must undo: stock that may be deducted, a payment that may be authorized. */
export interface CompensationScope {
  stock: boolean;
  payment: boolean;
}

export class CheckoutStepFailedEvent {
  constructor(
    public readonly orderId: string,
    public readonly correlationId: string,
    public readonly failure: CheckoutFailure,
    public readonly undo: CompensationScope,
  ) {}
}
