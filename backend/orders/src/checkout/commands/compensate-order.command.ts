import { CheckoutFailure, CompensationScope } from '../events/checkout-step-failed.event';

export class CompensateOrderCommand {
  constructor(
    public readonly orderId: string,
    public readonly correlationId: string,
    public readonly failure: CheckoutFailure,
    public readonly undo: CompensationScope,
  ) {}
}
