/** Why a checkout failed, in the terms the shopper gets (code → HTTP status at the gateway). */
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
