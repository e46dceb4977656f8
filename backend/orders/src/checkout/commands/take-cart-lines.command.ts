/** Take the order's lines out of the shopper's cart (after the payment is authorized, before confirming). */
export class TakeCartLinesCommand {
  constructor(
    public readonly orderId: string,
    public readonly correlationId: string,
    public readonly paymentId: string,
  ) {}
}
